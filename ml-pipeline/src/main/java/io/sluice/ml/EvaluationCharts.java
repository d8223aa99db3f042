package io.sluice.ml;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The pictures of an evaluation, drawn with JFreeChart without a display: the ROC curve of a binary
 * model and the confusion matrix as a heat map with the counts written in its cells.
 */
public final class EvaluationCharts {

  public static final int WIDTH = 800;
  public static final int HEIGHT = 600;
  public static final String ROC_FILE = "roc.png";
  public static final String CONFUSION_FILE = "confusion-matrix.png";

  private final Configuration conf;

  public EvaluationCharts(Configuration conf) {
    this.conf = conf;
    // AWT must not look for a display: servers and CI have none.
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Writes the report's pictures into {@code dir} and returns their paths (ROC first when binary).
   */
  public List<Path> write(EvaluationReport report, String title, Path dir) throws IOException {
    if (report.task() == Task.REGRESSION) {
      return List.of();
    }
    Path confusion = new Path(dir, CONFUSION_FILE);
    writePng(confusionChart(report.confusion(), title), confusion);
    if (report.task() != Task.BINARY) {
      return List.of(confusion);
    }
    Path roc = new Path(dir, ROC_FILE);
    writePng(rocChart(report.roc(), report.metrics().get("auc"), title), roc);
    return List.of(roc, confusion);
  }

  static JFreeChart rocChart(List<double[]> points, double auc, String title) {
    XYSeries curve = new XYSeries(String.format(Locale.ROOT, "model (AUC %.3f)", auc), false, true);
    curve.add(0.0, 0.0);
    for (double[] p : points) {
      curve.add(p[0], p[1]);
    }
    curve.add(1.0, 1.0);
    XYSeries chance = new XYSeries("chance", false, true);
    chance.add(0.0, 0.0);
    chance.add(1.0, 1.0);
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(curve);
    data.addSeries(chance);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            "ROC curve: " + title,
            "false positive rate",
            "true positive rate",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ((NumberAxis) plot.getDomainAxis()).setRange(0.0, 1.0);
    ((NumberAxis) plot.getRangeAxis()).setRange(0.0, 1.0);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
    renderer.setSeriesStroke(0, new BasicStroke(2.5f));
    renderer.setSeriesPaint(1, Color.GRAY);
    renderer.setSeriesStroke(
        1,
        new BasicStroke(
            1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
    plot.setRenderer(renderer);
    return chart;
  }

  static JFreeChart confusionChart(ConfusionMatrix matrix, String title) {
    int k = matrix.size();
    double[] xs = new double[k * k];
    double[] ys = new double[k * k];
    double[] zs = new double[k * k];
    long max = 1;
    for (int actual = 0; actual < k; actual++) {
      for (int predicted = 0; predicted < k; predicted++) {
        max = Math.max(max, matrix.count(actual, predicted));
      }
    }
    XYPlot plot = new XYPlot();
    for (int actual = 0; actual < k; actual++) {
      for (int predicted = 0; predicted < k; predicted++) {
        int i = actual * k + predicted;
        xs[i] = predicted;
        // Actual classes top to bottom, as tables print them.
        ys[i] = k - 1 - actual;
        zs[i] = matrix.count(actual, predicted);
        XYTextAnnotation label =
            new XYTextAnnotation(Long.toString(matrix.count(actual, predicted)), xs[i], ys[i]);
        label.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        label.setPaint(zs[i] > max / 2.0 ? Color.WHITE : Color.BLACK);
        plot.addAnnotation(label);
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("count", new double[][] {xs, ys, zs});
    String[] labels = matrix.labels().toArray(String[]::new);
    String[] reversed = new String[k];
    for (int i = 0; i < k; i++) {
      reversed[i] = labels[k - 1 - i];
    }
    SymbolAxis predictedAxis = new SymbolAxis("predicted", labels);
    SymbolAxis actualAxis = new SymbolAxis("actual", reversed);
    predictedAxis.setGridBandsVisible(false);
    actualAxis.setGridBandsVisible(false);
    LookupPaintScale scale = new LookupPaintScale(0.0, max + 1.0, Color.WHITE);
    int steps = 20;
    for (int s = 0; s < steps; s++) {
      float shade = 1.0f - 0.85f * s / (steps - 1);
      scale.add(
          max * (double) s / steps,
          new Color(shade * 0.85f, shade * 0.9f, 1.0f * Math.max(shade, 0.45f)));
    }
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    plot.setDataset(data);
    plot.setDomainAxis(predictedAxis);
    plot.setRangeAxis(actualAxis);
    plot.setRenderer(renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart =
        new JFreeChart("Confusion matrix: " + title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private void writePng(JFreeChart chart, Path path) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    try (OutputStream out = fs.create(path, true)) {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }
  }
}
