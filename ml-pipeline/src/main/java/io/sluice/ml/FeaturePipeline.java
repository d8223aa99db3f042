package io.sluice.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;

/**
 * The feature stages of a model's pipeline, from the spec: casting, imputation, one-hot encoding,
 * TF-IDF and scaling. Every stage keeps every row (missing and unseen values get a slot), so a
 * model scores exactly the rows it is given. The stages read only feature columns: the label is
 * prepared outside the pipeline, so a saved model applies to data without one.
 */
final class FeaturePipeline {

  /** The assembled, scaled feature vector the estimator reads. */
  static final String FEATURES = "features";

  /**
   * The assembled feature vector before scaling: with the label, all the last two stages (the
   * scaler, then the estimator a trainer appends) read.
   */
  static final String ASSEMBLED = FEATURES + "__raw";

  /** Hashed term slots per text column: enough for short notes, small enough for a wide model. */
  static final int TEXT_HASH_BUCKETS = 1 << 10;

  private FeaturePipeline() {}

  static List<PipelineStage> stages(DatasourceSpec spec) {
    List<PipelineStage> stages = new ArrayList<>();
    List<FeatureSpec> numeric = spec.featuresOf(FeatureType.NUMERIC);
    List<FeatureSpec> categorical = spec.featuresOf(FeatureType.CATEGORICAL);
    List<FeatureSpec> text = spec.featuresOf(FeatureType.TEXT);

    stages.add(new SQLTransformer().setStatement(selectStatement(spec)));

    List<String> assembled = new ArrayList<>();
    if (!numeric.isEmpty()) {
      String[] in = numeric.stream().map(f -> f.name() + "__num").toArray(String[]::new);
      String[] out = numeric.stream().map(f -> f.name() + "__imputed").toArray(String[]::new);
      stages.add(new Imputer().setInputCols(in).setOutputCols(out).setStrategy("mean"));
      assembled.addAll(List.of(out));
    }
    if (!categorical.isEmpty()) {
      String[] in = categorical.stream().map(f -> f.name() + "__str").toArray(String[]::new);
      String[] idx = categorical.stream().map(f -> f.name() + "__idx").toArray(String[]::new);
      String[] vec = categorical.stream().map(f -> f.name() + "__vec").toArray(String[]::new);
      // "keep": missing and values unseen in training share one extra slot instead of failing the
      // row.
      stages.add(
          new StringIndexer()
              .setInputCols(in)
              .setOutputCols(idx)
              .setHandleInvalid("keep")
              .setStringOrderType("frequencyDesc"));
      stages.add(new OneHotEncoder().setInputCols(idx).setOutputCols(vec).setHandleInvalid("keep"));
      assembled.addAll(List.of(vec));
    }
    for (FeatureSpec f : text) {
      stages.add(
          new RegexTokenizer()
              .setInputCol(f.name() + "__text")
              .setOutputCol(f.name() + "__tokens")
              .setPattern("\\W+")
              .setToLowercase(true));
      stages.add(
          new HashingTF()
              .setInputCol(f.name() + "__tokens")
              .setOutputCol(f.name() + "__tf")
              .setNumFeatures(TEXT_HASH_BUCKETS));
      stages.add(new IDF().setInputCol(f.name() + "__tf").setOutputCol(f.name() + "__tfidf"));
      assembled.add(f.name() + "__tfidf");
    }
    stages.add(
        new VectorAssembler()
            .setInputCols(assembled.toArray(String[]::new))
            .setOutputCol(ASSEMBLED));
    // Unit variance without centring keeps the one-hot and TF-IDF vectors sparse.
    stages.add(
        new StandardScaler()
            .setInputCol(ASSEMBLED)
            .setOutputCol(FEATURES)
            .setWithStd(true)
            .setWithMean(false));
    return stages;
  }

  /**
   * The first stage's SQL: a typed copy of each feature. {@link OnlinePredictor} evaluates it per
   * row only when a model's statement is exactly this one.
   */
  static String selectStatement(DatasourceSpec spec) {
    List<FeatureSpec> numeric = spec.featuresOf(FeatureType.NUMERIC);
    List<FeatureSpec> categorical = spec.featuresOf(FeatureType.CATEGORICAL);
    List<FeatureSpec> text = spec.featuresOf(FeatureType.TEXT);
    // try_cast: a value that is not a number becomes missing (and is imputed), never a failed row.
    StringBuilder select = new StringBuilder("SELECT *");
    for (FeatureSpec f : numeric) {
      select
          .append(", try_cast(")
          .append(quote(f.name()))
          .append(" AS DOUBLE) AS ")
          .append(quote(f.name() + "__num"));
    }
    for (FeatureSpec f : categorical) {
      select
          .append(", nullif(trim(cast(")
          .append(quote(f.name()))
          .append(" AS STRING)), '') AS ")
          .append(quote(f.name() + "__str"));
    }
    for (FeatureSpec f : text) {
      select
          .append(", coalesce(cast(")
          .append(quote(f.name()))
          .append(" AS STRING), '') AS ")
          .append(quote(f.name() + "__text"));
    }
    return select.append(" FROM __THIS__").toString();
  }

  static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
