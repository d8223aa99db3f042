package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sampledata.ChurnGenerator;
import io.sluice.testing.MiniDfs;
import io.sluice.testing.SluiceTest;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ML round trip with data, registry and predictions on a real MiniDFSCluster: a cross-validated
 * random forest trained from a directory of CSV files, stored, loaded back and applied; concurrent
 * registrations get distinct versions through HDFS's atomic rename.
 */
@SluiceTest
class MlOnHdfsIT {

  private static final int ROWS = 1200;

  private static FileSystem fs;
  private static String hdfs;
  private static SparkSession spark;
  private static DatasourceSpec spec;
  private static TrainedModel trained;

  @BeforeAll
  static void start(MiniDfs dfs, SparkSession session) throws Exception {
    fs = dfs.fileSystem();
    hdfs = dfs.uri();
    spark = session;
    // Two CSV files with a header each: the datasource input is their directory.
    StringWriter text = new StringWriter();
    ChurnGenerator.writeTable(11, ROWS, text);
    String[] lines = text.toString().split("\n");
    write(new Path("/ml/in/part-1.csv"), lines, 1, 700);
    write(new Path("/ml/in/part-2.csv"), lines, 700, lines.length);
    spec = DatasourceSpec.parse(ChurnGenerator.spec(hdfs + "/ml/in/"), "hdfs-churn.yaml", null);
    trained =
        new ModelTrainer(spark).train(spec, new TrainingOptions(Algorithm.RANDOM_FOREST, 2, 0.5));
  }

  private static void write(Path path, String[] lines, int from, int to) throws Exception {
    try (OutputStream out = fs.create(path)) {
      StringBuilder b = new StringBuilder(lines[0]).append('\n');
      for (int i = from; i < to; i++) {
        b.append(lines[i]).append('\n');
      }
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void trainRegisterLoadAndPredictOnHdfs() throws Exception {
    assertEquals(ROWS, trained.info().readRows());
    assertEquals(ROWS, trained.info().trainRows() + trained.info().testRows());
    assertEquals(2, trained.info().cvFolds());
    assertTrue(trained.info().params().containsKey("maxDepth"), trained.info().params().toString());
    assertTrue(trained.testReport().metric("auc") > 0.7, trained.testReport().metrics().toString());

    ModelRegistry registry =
        new ModelRegistry(hdfs + "/ml/registry", spark.sparkContext().hadoopConfiguration());
    ModelVersion v1 = registry.register("churn-rf", trained);
    assertEquals(1, v1.info().version());
    for (String f : List.of("model/metadata", "spec.yaml", "model.json", "metrics.json")) {
      assertTrue(fs.exists(new Path("/ml/registry/churn-rf/1/" + f)), f);
    }
    for (String png : List.of("roc.png", "confusion-matrix.png")) {
      try (InputStream in = fs.open(new Path("/ml/registry/churn-rf/1/plots/" + png))) {
        BufferedImage image = ImageIO.read(in);
        assertEquals(EvaluationCharts.WIDTH, image.getWidth(), png);
        assertEquals(EvaluationCharts.HEIGHT, image.getHeight(), png);
      }
    }

    LoadedModel loaded = registry.load(ModelRef.parse("churn-rf:1"));
    assertEquals(spec.input(), loaded.spec().input());
    String output = hdfs + "/ml/predictions";
    PredictionSummary summary =
        new BatchPredictor(spark)
            .predict(loaded, spec.input(), DataFormat.CSV, output, null, false);
    assertEquals(ROWS, summary.writtenRows());
    Map<String, Row> written = byId(spark.read().parquet(output));
    Dataset<Row> input = new DatasourceReader(spark).read(spec.input(), DataFormat.CSV);
    LoadedModel inMemory = new LoadedModel(trained.model(), v1.info(), spec, "memory");
    assertEquals(
        byId(new BatchPredictor(spark).predictions(inMemory, input, "customer_id", "in")), written);
  }

  @Test
  void concurrentRegistrationsGetDistinctVersions() throws Exception {
    ModelRegistry registry =
        new ModelRegistry(hdfs + "/ml/race", spark.sparkContext().hadoopConfiguration());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<ModelVersion> a = pool.submit(() -> registry.register("race", trained));
      Future<ModelVersion> b = pool.submit(() -> registry.register("race", trained));
      int va = a.get().info().version();
      int vb = b.get().info().version();
      assertNotEquals(va, vb);
      assertEquals(
          List.of(1, 2), registry.list().stream().map(v -> v.info().version()).sorted().toList());
      assertEquals(
          0,
          fs.listStatus(new Path("/ml/race/race"), p -> p.getName().startsWith(".staging")).length);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<String, Row> byId(Dataset<Row> predictions) {
    Map<String, Row> rows = new HashMap<>();
    for (Row r : predictions.select("customer_id", "prediction", "probability").collectAsList()) {
      rows.put(r.getString(0), r);
    }
    return rows;
  }
}
