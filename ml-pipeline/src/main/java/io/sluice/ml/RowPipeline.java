package io.sluice.ml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A fitted feature pipeline evaluated on one row in plain Java, stage by stage, from each stage's
 * public fitted parameters: what {@code PipelineModel.transform} computes per row, without a plan
 * to analyse. Each step reproduces the stage's arithmetic in the same order (e.g. the scaler
 * multiplies by {@code 1/std}, it does not divide; the assembler drops zeros and lets {@link
 * Vector#compressed()} choose dense or sparse), so the final model sees bit-identical vectors.
 *
 * <p>Built only from the stage types {@link FeaturePipeline} writes, with the settings it uses;
 * anything else is an {@link UnsupportedStageException} naming the stage.
 */
final class RowPipeline {

  /** One stage applied to a row of named column values; stateless, so safe across threads. */
  private interface Step {
    void apply(Map<String, Object> row);
  }

  /** A stage this evaluator does not know, or knows with settings it does not reproduce. */
  static final class UnsupportedStageException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedStageException(String message) {
      super(message);
    }
  }

  private final List<Step> steps;
  private final String output;

  private RowPipeline(List<Step> steps, String output) {
    this.steps = steps;
    this.output = output;
  }

  /**
   * Compiles the feature stages (all but the last) of {@code model}.
   *
   * @throws UnsupportedStageException for a stage type or setting not reproduced here
   */
  static RowPipeline compile(PipelineModel model, DatasourceSpec spec)
      throws UnsupportedStageException {
    Transformer[] stages = model.stages();
    List<Step> steps = new ArrayList<>();
    String output = null;
    for (int i = 0; i < stages.length - 1; i++) {
      Transformer stage = stages[i];
      steps.add(step(stage, spec));
      output = outputOf(stage);
    }
    if (output == null) {
      throw new UnsupportedStageException("the pipeline has no feature stages");
    }
    return new RowPipeline(List.copyOf(steps), output);
  }

  /** The feature vector the final model reads, for one row of normalised input values. */
  Vector features(Map<String, Object> input) {
    Map<String, Object> row = new HashMap<>(input);
    for (Step s : steps) {
      s.apply(row);
    }
    return (Vector) row.get(output);
  }

  /** Builds the step of one stage type; may refuse the stage's settings. */
  private interface StepBuilder<T extends Transformer> {
    Step build(T stage, DatasourceSpec spec) throws UnsupportedStageException;
  }

  /** A stage type this evaluator reproduces and how its step is built. */
  private record StageType<T extends Transformer>(Class<T> type, StepBuilder<T> builder) {
    Step build(Transformer stage, DatasourceSpec spec) throws UnsupportedStageException {
      return builder.build(type.cast(stage), spec);
    }
  }

  /** The stage types {@link FeaturePipeline} writes, each matched with {@code instanceof}. */
  private static final List<StageType<?>> STAGE_TYPES =
      List.of(
          new StageType<>(SQLTransformer.class, RowPipeline::castStep),
          new StageType<>(ImputerModel.class, (imputer, spec) -> imputeStep(imputer)),
          new StageType<>(StringIndexerModel.class, (indexer, spec) -> indexStep(indexer)),
          new StageType<>(OneHotEncoderModel.class, (encoder, spec) -> oneHotStep(encoder)),
          new StageType<>(RegexTokenizer.class, (tokenizer, spec) -> tokenizeStep(tokenizer)),
          new StageType<>(HashingTF.class, (hashing, spec) -> hashStep(hashing)),
          new StageType<>(IDFModel.class, (idf, spec) -> idfStep(idf)),
          new StageType<>(VectorAssembler.class, (assembler, spec) -> assembleStep(assembler)),
          new StageType<>(StandardScalerModel.class, (scaler, spec) -> scaleStep(scaler)));

  private static Step step(Transformer stage, DatasourceSpec spec)
      throws UnsupportedStageException {
    for (StageType<?> known : STAGE_TYPES) {
      if (known.type().isInstance(stage)) {
        return known.build(stage, spec);
      }
    }
    throw new UnsupportedStageException(
        "stage "
            + stage.uid()
            + " ("
            + stage.getClass().getSimpleName()
            + ") is not evaluated per row");
  }

  private static String outputOf(Transformer stage) {
    if (stage.hasParam("outputCol") && stage.isDefined(stage.getParam("outputCol"))) {
      return (String) stage.getOrDefault(stage.getParam("outputCol"));
    }
    return null;
  }

  /**
   * The SQL stage, when it is exactly the statement {@link FeaturePipeline} writes for the spec.
   */
  private static Step castStep(SQLTransformer sql, DatasourceSpec spec)
      throws UnsupportedStageException {
    if (!sql.getStatement().equals(FeaturePipeline.selectStatement(spec))) {
      throw new UnsupportedStageException(
          "SQL stage " + sql.uid() + " is not the statement this version writes for the spec");
    }
    List<FeatureSpec> features = spec.features();
    return row -> {
      for (FeatureSpec f : features) {
        Object value = row.get(f.name());
        switch (f.type()) {
          case NUMERIC -> row.put(f.name() + "__num", SqlCasts.toDouble(value));
          case CATEGORICAL -> {
            // nullif(trim(...), ''): Spark's trim removes spaces only, as UTF8String.trim does.
            String text = SqlCasts.toText(value);
            String trimmed = text == null ? null : UTF8String.fromString(text).trim().toString();
            row.put(f.name() + "__str", trimmed == null || trimmed.isEmpty() ? null : trimmed);
          }
          case TEXT -> {
            String text = SqlCasts.toText(value);
            row.put(f.name() + "__text", text == null ? "" : text);
          }
        }
      }
    };
  }

  private static Step imputeStep(ImputerModel imputer) {
    String[] in = imputer.getInputCols();
    String[] out = imputer.getOutputCols();
    double missing = imputer.getMissingValue();
    // One small row, collected once when the predictor is built.
    Row surrogates = imputer.surrogateDF().head();
    double[] fill = new double[in.length];
    for (int i = 0; i < in.length; i++) {
      fill[i] = ((Number) surrogates.getAs(in[i])).doubleValue();
    }
    return row -> {
      for (int i = 0; i < in.length; i++) {
        Double v = (Double) row.get(in[i]);
        // Spark's `=` holds for NaN = NaN, so a NaN missingValue matches NaN.
        boolean isMissing =
            v == null || (Double.isNaN(missing) ? v.isNaN() : v.doubleValue() == missing);
        row.put(out[i], isMissing ? fill[i] : v);
      }
    };
  }

  private static Step indexStep(StringIndexerModel indexer) throws UnsupportedStageException {
    if (!"keep".equals(indexer.getHandleInvalid())) {
      throw new UnsupportedStageException(
          "string indexer " + indexer.uid() + " has handleInvalid=" + indexer.getHandleInvalid());
    }
    String[] in = columns(indexer, "inputCol", "inputCols");
    String[] out = columns(indexer, "outputCol", "outputCols");
    String[][] labels = indexer.labelsArray();
    List<Map<String, Double>> index = new ArrayList<>();
    for (String[] l : labels) {
      Map<String, Double> m = new HashMap<>();
      for (int j = 0; j < l.length; j++) {
        m.putIfAbsent(l[j], (double) j);
      }
      index.add(m);
    }
    return row -> {
      for (int i = 0; i < in.length; i++) {
        Object v = row.get(in[i]);
        // "keep": missing and unseen values share the slot after the known labels.
        Double idx = v == null ? null : index.get(i).get(SqlCasts.toText(v));
        row.put(out[i], idx != null ? idx : (double) labels[i].length);
      }
    };
  }

  private static Step oneHotStep(OneHotEncoderModel encoder) throws UnsupportedStageException {
    if (!"keep".equals(encoder.getHandleInvalid())) {
      throw new UnsupportedStageException(
          "one-hot encoder " + encoder.uid() + " has handleInvalid=" + encoder.getHandleInvalid());
    }
    String[] in = columns(encoder, "inputCol", "inputCols");
    String[] out = columns(encoder, "outputCol", "outputCols");
    int[] sizes = encoder.categorySizes();
    // With "keep", the extra invalid slot is what dropLast drops; without dropLast it is kept.
    int extra = encoder.getDropLast() ? 0 : 1;
    return row -> {
      for (int i = 0; i < in.length; i++) {
        double label = (Double) row.get(in[i]);
        int size = sizes[i] + extra;
        double idx = label >= 0 && label < sizes[i] ? label : sizes[i];
        row.put(
            out[i],
            idx < size
                ? Vectors.sparse(size, new int[] {(int) idx}, new double[] {1.0})
                : Vectors.sparse(size, new int[0], new double[0]));
      }
    };
  }

  private static Step tokenizeStep(RegexTokenizer tokenizer) {
    String in = tokenizer.getInputCol();
    String out = tokenizer.getOutputCol();
    Pattern pattern = Pattern.compile(tokenizer.getPattern());
    boolean gaps = tokenizer.getGaps();
    boolean lower = tokenizer.getToLowercase();
    int minLength = tokenizer.getMinTokenLength();
    return row -> {
      String text = (String) row.get(in);
      // As RegexTokenizer: the JVM's default-locale lower case, then split (or find) and filter.
      String s = lower ? text.toLowerCase() : text;
      List<String> tokens = new ArrayList<>();
      if (gaps) {
        for (String t : pattern.split(s)) {
          tokens.add(t);
        }
      } else {
        java.util.regex.Matcher m = pattern.matcher(s);
        while (m.find()) {
          tokens.add(m.group());
        }
      }
      tokens.removeIf(t -> t.length() < minLength);
      row.put(out, tokens);
    };
  }

  private static Step hashStep(HashingTF hashing) {
    String in = hashing.getInputCol();
    String out = hashing.getOutputCol();
    int size = hashing.getNumFeatures();
    boolean binary = hashing.getBinary();
    return row -> {
      @SuppressWarnings("unchecked")
      List<String> terms = (List<String>) row.get(in);
      TreeMap<Integer, Double> counts = new TreeMap<>();
      for (String term : terms) {
        counts.merge(hashing.indexOf(term), 1.0, binary ? (a, b) -> 1.0 : Double::sum);
      }
      int[] indices = new int[counts.size()];
      double[] values = new double[counts.size()];
      int k = 0;
      for (Map.Entry<Integer, Double> e : counts.entrySet()) {
        indices[k] = e.getKey();
        values[k++] = e.getValue();
      }
      row.put(out, Vectors.sparse(size, indices, values));
    };
  }

  private static Step idfStep(IDFModel idfModel) {
    String in = idfModel.getInputCol();
    String out = idfModel.getOutputCol();
    double[] idf = idfModel.idf().toArray();
    return row -> row.put(out, scaled((Vector) row.get(in), idf));
  }

  private static Step assembleStep(VectorAssembler assembler) {
    String[] in = assembler.getInputCols();
    String out = assembler.getOutputCol();
    return row -> {
      List<Integer> indices = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      int offset = 0;
      for (String c : in) {
        Object v = row.get(c);
        if (v instanceof Double d) {
          if (d != 0.0) {
            indices.add(offset);
            values.add(d);
          }
          offset++;
        } else if (v instanceof Vector vec) {
          int base = offset;
          vec.foreachNonZero(
              (i, x) -> {
                indices.add(base + (Integer) i);
                values.add((Double) x);
                return scala.runtime.BoxedUnit.UNIT;
              });
          offset += vec.size();
        } else {
          throw new IllegalStateException("column " + c + " has no value to assemble");
        }
      }
      int[] ii = indices.stream().mapToInt(Integer::intValue).toArray();
      double[] vv = values.stream().mapToDouble(Double::doubleValue).toArray();
      row.put(out, Vectors.sparse(offset, ii, vv).compressed());
    };
  }

  private static Step scaleStep(StandardScalerModel scaler) throws UnsupportedStageException {
    if (scaler.getWithMean()) {
      throw new UnsupportedStageException("scaler " + scaler.uid() + " centres (withMean)");
    }
    String in = scaler.getInputCol();
    String out = scaler.getOutputCol();
    double[] std = scaler.std().toArray();
    double[] factor = new double[std.length];
    for (int i = 0; i < std.length; i++) {
      factor[i] = !scaler.getWithStd() ? 1.0 : std[i] == 0 ? 0.0 : 1.0 / std[i];
    }
    return row -> row.put(out, scaled((Vector) row.get(in), factor));
  }

  /** Element-wise product keeping the vector's form (and a sparse one's explicit entries). */
  private static Vector scaled(Vector v, double[] factor) {
    if (v instanceof SparseVector s) {
      double[] values = s.values().clone();
      int[] indices = s.indices();
      for (int k = 0; k < values.length; k++) {
        values[k] *= factor[indices[k]];
      }
      return Vectors.sparse(s.size(), indices, values);
    }
    double[] values = ((DenseVector) v).values().clone();
    for (int k = 0; k < values.length; k++) {
      values[k] *= factor[k];
    }
    return Vectors.dense(values);
  }

  private static String[] columns(Transformer stage, String single, String multi) {
    if (stage.isDefined(stage.getParam(multi))) {
      return (String[]) stage.getOrDefault(stage.getParam(multi));
    }
    return new String[] {(String) stage.getOrDefault(stage.getParam(single))};
  }
}
