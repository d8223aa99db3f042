package io.sluice.tests.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.kv.EmbeddedDynamoDb;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI killed with SIGKILL at seeded moments, per step kind and storage, then run again: see
 * {@link FaultTrial}. {@code mvn verify} runs one trial of the cheapest cells; {@code
 * -Pfault-matrix} runs 20 of each and the expensive cells (Spark, HDFS, S3 jobs, PostgreSQL, sync).
 */
class ProcessKillIT extends OnFaultsS3 {

  private static Path base;

  @BeforeAll
  static void start() {
    base = startIn("process-kill");
  }

  @Test
  void wordCountOnMapReduceToFile() throws Exception {
    FaultTrial.run(
        wordCount("mapreduce", base.resolve("out/wc-mr").toUri().toString()), Fault.killStep());
  }

  @Test
  void wordCountOnSparkToFile() throws Exception {
    assumeTrue(KillSchedule.full(), "-Pfault-matrix");
    FaultTrial.run(
        wordCount("spark", base.resolve("out/wc-spark").toUri().toString()), Fault.killStep());
  }

  @Test
  void wordCountToS3() throws Exception {
    assumeTrue(KillSchedule.full(), "-Pfault-matrix");
    FaultTrial.run(wordCount("mapreduce", "s3://" + BUCKET + "/out/wc-mr"), Fault.killStep());
    FaultTrial.run(wordCount("spark", "s3://" + BUCKET + "/out/wc-spark"), Fault.killStep());
  }

  @Test
  void wordCountToHdfs() throws Exception {
    assumeTrue(KillSchedule.full(), "-Pfault-matrix");
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("minidfs").toString());
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    try {
      dfs.waitActive();
      String uri = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
      for (String engine : List.of("mapreduce", "spark")) {
        FaultTrial.run(
            new JobOutputCell(
                "run wordcount " + engine + " -> hdfs",
                wordCountArgs(engine, "-Ddfs.replication=1"),
                uri + "/out/wc-" + engine,
                dfs.getConfiguration(0),
                Map.of(),
                output -> 0),
            Fault.killStep());
      }
    } finally {
      dfs.shutdown(true);
    }
  }

  @Test
  void s3Copy() throws Exception {
    Path file = Inputs.binary("cp-48mb.bin", 48);
    FaultTrial.run(
        new S3ObjectsCell(
            "s3 cp -> s3",
            List.of("s3", "cp", file.toString(), "s3://" + BUCKET + "/cp/cp-48mb.bin"),
            s3.client(),
            BUCKET,
            "cp/",
            s3.environment(),
            true),
        Fault.killStep());
  }

  @Test
  void s3Sync() throws Exception {
    assumeTrue(KillSchedule.full(), "-Pfault-matrix");
    Path tree = Inputs.tree(24, 2);
    FaultTrial.run(
        new S3ObjectsCell(
            "s3 sync -> s3",
            List.of("s3", "sync", tree.toString(), "s3://" + BUCKET + "/sync/"),
            s3.client(),
            BUCKET,
            "sync/",
            s3.environment(),
            false),
        Fault.killStep());
  }

  @Test
  void loadWarehouseDuckDb() throws Exception {
    Path db = Files.createDirectories(base.resolve("duckdb")).resolve("warehouse.duckdb");
    FaultTrial.run(
        new WarehouseCell(
            "load warehouse -> duckdb",
            Inputs.orders(200_000),
            "duckdb:" + db,
            "jdbc:duckdb:" + db,
            Map.of()),
        Fault.killStep());
  }

  @Test
  void loadWarehousePostgres() throws Exception {
    assumeTrue(KillSchedule.full(), "-Pfault-matrix");
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
  void loadKv() throws Exception {
    try (EmbeddedDynamoDb kv = Servers.dynamoDb(null, 0)) {
      FaultTrial.run(
          new KvTableCell("load kv -> dynalite", Inputs.orders(3_000), "orders", kv.environment()),
          Fault.killStep());
    }
  }

  @Test
  void mlTrain() throws Exception {
    assumeTrue(KillSchedule.full(), "-Pfault-matrix");
    String spec =
        Path.of(System.getProperty("sluice.repo.root"), "sample-data/ml/customer-churn.yaml")
            .toAbsolutePath()
            .normalize()
            .toString();
    Configuration conf = s3.server().storageConfig().applyTo(new Configuration());
    FaultTrial.run(
        new ModelRegistryCell(
            "ml train -> registry on file",
            spec,
            base.resolve("models").toUri().toString(),
            conf,
            Map.of()),
        Fault.killStep());
    FaultTrial.run(
        new ModelRegistryCell(
            "ml train -> registry on s3",
            spec,
            "s3://" + BUCKET + "/models",
            conf,
            s3.environment()),
        Fault.killStep());
  }

  @Test
  void pipelineRun() throws Exception {
    FaultTrial.run(
        new PipelineCell(base.resolve("pipeline"), Path.of(System.getProperty("sluice.repo.root"))),
        Fault.killStep());
  }

  private static JobOutputCell wordCount(String engine, String output) {
    Configuration conf = s3.server().storageConfig().applyTo(new Configuration());
    return new JobOutputCell(
        "run wordcount " + engine + " -> " + output.substring(0, output.indexOf(':')),
        wordCountArgs(engine),
        output,
        conf,
        s3.environment(),
        uri ->
            uri.startsWith("s3://")
                ? S3ObjectsCell.pendingUploads(
                        s3.client(), BUCKET, uri.substring(("s3://" + BUCKET + "/").length()))
                    .size()
                : 0);
  }

  private static List<String> wordCountArgs(String engine, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("wordcount", "--engine", engine));
    if (engine.equals("spark")) {
      args.addAll(List.of("--master", "local[2]"));
    }
    args.addAll(List.of(extra));
    try {
      args.addAll(List.of("--input", Inputs.text(16).toString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return args;
  }
}
