package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sampledata.ChurnGenerator;
import io.sluice.testing.S3Bucket;
import io.sluice.testing.SluiceTest;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry on S3 with a local Spark master: versions are written on local disk and uploaded (no
 * rename, no committer round trips), models are read back from a local copy. What lands in the
 * bucket must be the same tree a local registry holds, without checksum files or staging folders,
 * and the loaded model must predict exactly what the trained one does.
 */
@SluiceTest
class MlOnS3IT {

  private static final int ROWS = 800;

  /** {@code s3a://<bucket>}: one bucket for the class, asked for by {@link #start}. */
  private static String bucket;

  private static SparkSession spark;
  private static FileSystem fs;
  private static DatasourceSpec spec;
  private static TrainedModel trained;

  @BeforeAll
  static void start(S3Bucket classBucket, SparkSession session) throws Exception {
    bucket = "s3a://" + classBucket.name();
    spark = session;
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    fs = FileSystem.get(URI.create(bucket + "/"), conf);
    StringWriter text = new StringWriter();
    ChurnGenerator.writeTable(5, ROWS, text);
    try (var out = fs.create(new org.apache.hadoop.fs.Path(bucket + "/in/churn.csv"))) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    spec =
        DatasourceSpec.parse(ChurnGenerator.spec(bucket + "/in/churn.csv"), "s3-churn.yaml", null);
    // A model trained on other rows of the same columns (the one the ML ITs share): what is tested
    // is its trip through the S3 registry, and its predictions for the rows in the bucket.
    trained = ChurnLogisticModel.get(spark).trained;
  }

  @Test
  void versionsAreUploadedWholeAndLoadBackToTheSamePredictions() throws Exception {
    Set<Path> tempBefore = modelTempDirs();
    ModelRegistry registry =
        new ModelRegistry(bucket + "/registry", spark.sparkContext().hadoopConfiguration());
    ModelVersion v1 = registry.register("churn", trained);
    ModelVersion v2 = registry.register("churn", trained);
    assertEquals(1, v1.info().version());
    assertEquals(2, v2.info().version());
    assertEquals(List.of(1, 2), registry.list().stream().map(v -> v.info().version()).toList());
    assertEquals(modelTempDirs(), tempBefore, "the local staging folders are removed");

    List<String> files = files(bucket + "/registry/churn/1");
    for (String f :
        List.of(
            "model.json",
            "spec.yaml",
            "metrics.json",
            "plots/roc.png",
            "model/metadata/_SUCCESS")) {
      assertTrue(files.contains(f), f + " in " + files);
    }
    assertTrue(
        files.stream().anyMatch(f -> f.startsWith("model/stages/") && f.endsWith(".parquet")),
        files.toString());
    assertFalse(
        files.stream().anyMatch(f -> f.endsWith(".crc") || f.contains(".staging")),
        files.toString());
    assertEquals(files, files(bucket + "/registry/churn/2"), "both versions hold the same tree");

    LoadedModel loaded = registry.load(ModelRef.parse("churn:2"));
    Dataset<Row> input = new DatasourceReader(spark).read(spec.input(), DataFormat.CSV);
    BatchPredictor predictor = new BatchPredictor(spark);
    Map<String, String> fromRegistry =
        byId(predictor.predictions(loaded, input, "customer_id", "in"));
    Map<String, String> inMemory =
        byId(
            predictor.predictions(
                new LoadedModel(trained.model(), v2.info(), spec, "memory"),
                input,
                "customer_id",
                "in"));
    assertEquals(ROWS, fromRegistry.size());
    assertEquals(inMemory, fromRegistry);
  }

  @Test
  void aVersionClaimedByAnotherTrainerIsSkipped() throws Exception {
    ModelRegistry registry =
        new ModelRegistry(bucket + "/claims", spark.sparkContext().hadoopConfiguration());
    assertEquals(1, registry.register("churn", trained).info().version());
    // Another trainer claimed 2 and is still uploading: no folder 2 yet, so only the claim can stop
    // us.
    org.apache.hadoop.fs.Path claim =
        new org.apache.hadoop.fs.Path(bucket + "/claims/churn/" + ModelRegistry.CLAIMS_DIR + "/2");
    try (var out = fs.create(claim)) {
      out.write("another trainer".getBytes(StandardCharsets.UTF_8));
    }
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(bucket + "/claims/churn/2")));
    assertEquals(3, registry.register("churn", trained).info().version());
    assertFalse(
        fs.exists(new org.apache.hadoop.fs.Path(bucket + "/claims/churn/2")),
        "claimed version left alone");
    assertEquals(List.of(1, 3), registry.list().stream().map(v -> v.info().version()).toList());
    assertTrue(
        fs.exists(
            new org.apache.hadoop.fs.Path(
                bucket + "/claims/churn/" + ModelRegistry.CLAIMS_DIR + "/3")));
  }

  private static List<String> files(String dir) throws Exception {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
    String prefix = fs.makeQualified(root).toString() + "/";
    List<String> names = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      // Part files are named by their write's UUID; the tree is what must match.
      names.add(
          it.next()
              .getPath()
              .toString()
              .substring(prefix.length())
              .replaceAll("part-(\\d+)-[0-9a-f-]+", "part-$1"));
    }
    names.sort(null);
    return names;
  }

  private static Map<String, String> byId(Dataset<Row> predictions) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : predictions.collectAsList()) {
      m.put(String.valueOf(r.get(0)), r.mkString("|"));
    }
    return m;
  }

  private static Set<Path> modelTempDirs() throws Exception {
    try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      // This JVM's folders only: other builds on the machine make their own meanwhile.
      String ours = RegistryFiles.localTempPrefix();
      return dirs.filter(p -> p.getFileName().toString().startsWith(ours))
          .collect(Collectors.toSet());
    }
  }
}
