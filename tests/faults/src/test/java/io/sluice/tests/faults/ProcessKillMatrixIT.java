package io.sluice.tests.faults;

import io.sluice.sampledata.ChurnGenerator;
import io.sluice.testing.MiniDfs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The expensive cells of {@link ProcessKillIT} (Spark, HDFS and S3 jobs, PostgreSQL, sync, ml
 * train): only {@code -Pfault-matrix} runs this class (20 trials per cell), so the default run
 * neither runs nor skips them. One cell alone: {@code
 * -Dit.test='ProcessKillMatrixIT#mlTrainToFile'}.
 */
class ProcessKillMatrixIT extends OnFaultsS3 {

  private static Path base;

  @BeforeAll
  static void start() {
    base = startIn("process-kill-matrix");
  }

  @Test
  void wordCountOnSparkToFile() throws Exception {
    FaultTrial.run(
        WordCountCells.wordCount(s3, "spark", base.resolve("out/wc-spark").toUri().toString()),
        Fault.killStep());
  }

  @Test
  void wordCountToS3() throws Exception {
    FaultTrial.run(
        WordCountCells.wordCount(s3, "mapreduce", "s3://" + BUCKET + "/out/wc-mr"),
        Fault.killStep());
    FaultTrial.run(
        WordCountCells.wordCount(s3, "spark", "s3://" + BUCKET + "/out/wc-spark"),
        Fault.killStep());
  }

  @Test
  void wordCountToHdfs() throws Exception {
    try (MiniDfs dfs = MiniDfs.startFor(ProcessKillMatrixIT.class, 1)) {
      for (String engine : List.of("mapreduce", "spark")) {
        FaultTrial.run(
            new JobOutputCell(
                "run wordcount " + engine + " -> hdfs",
                WordCountCells.args(engine, "-Ddfs.replication=1"),
                dfs.uri("/out/wc-" + engine),
                dfs.conf(),
                Map.of(),
                output -> 0),
            Fault.killStep());
      }
    }
  }

  @Test
  void s3Sync() throws Exception {
    FaultTrial.run(S3ObjectsCell.sync(s3, Inputs.tree(24, 2)), Fault.killStep());
  }

  @Test
  void loadWarehousePostgres() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      int port = postgres.getPort();
      FaultTrial.run(
          new WarehouseCell(
              "load warehouse -> postgresql",
              Inputs.orders(200_000),
              "postgresql://postgres@127.0.0.1:" + port + "/postgres",
              "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres",
              Map.of()),
          Fault.killStep());
    }
  }

  @Test
  void mlTrainToFile() throws Exception {
    FaultTrial.run(
        new ModelRegistryCell(
            "ml train -> registry on file",
            churnSpec(),
            base.resolve("models").toUri().toString(),
            s3Conf(),
            Map.of()),
        Fault.killStep());
  }

  @Test
  void mlTrainToS3() throws Exception {
    FaultTrial.run(
        new ModelRegistryCell(
            "ml train -> registry on s3",
            churnSpec(),
            "s3://" + BUCKET + "/models",
            s3Conf(),
            s3.environment()),
        Fault.killStep());
  }

  /**
   * A 500-row churn table and its spec: the cell is about registering a version whole, which does
   * not need the 5,000-row sample, and a shorter run puts more of the kills in the registry write.
   */
  private static String churnSpec() throws IOException {
    Path csv = base.resolve("churn/churn.csv");
    if (!Files.exists(csv)) {
      Files.createDirectories(csv.getParent());
      ChurnGenerator.writeTable(42, 500, csv);
      Files.writeString(csv.resolveSibling("churn.yaml"), ChurnGenerator.spec(csv.toString()));
    }
    return csv.resolveSibling("churn.yaml").toString();
  }

  private static Configuration s3Conf() {
    return s3.server().storageConfig().applyTo(new Configuration());
  }
}
