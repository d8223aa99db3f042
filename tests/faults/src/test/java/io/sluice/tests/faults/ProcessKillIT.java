package io.sluice.tests.faults;

import io.sluice.kv.EmbeddedDynamoDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI killed with SIGKILL at seeded moments, per step kind and storage, then run again: see
 * {@link FaultTrial}. The cheapest cells, one trial each in {@code mvn verify}, 20 under {@code
 * -Pfault-matrix}; the expensive ones (Spark, HDFS, S3 jobs, PostgreSQL, sync, ml train) are {@link
 * ProcessKillMatrixIT}, which only the profile runs.
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
        WordCountCells.wordCount(s3, "mapreduce", base.resolve("out/wc-mr").toUri().toString()),
        Fault.killStep());
  }

  @Test
  void s3Copy() throws Exception {
    FaultTrial.run(S3ObjectsCell.copy(s3, Inputs.binary("cp-48mb.bin", 48)), Fault.killStep());
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
  void loadKv() throws Exception {
    try (EmbeddedDynamoDb kv = Servers.dynamoDb(null, 0)) {
      FaultTrial.run(
          new KvTableCell("load kv -> dynalite", Inputs.orders(3_000), "orders", kv.environment()),
          Fault.killStep());
    }
  }

  @Test
  void pipelineRun() throws Exception {
    FaultTrial.run(
        new PipelineCell(base.resolve("pipeline"), Path.of(System.getProperty("sluice.repo.root"))),
        Fault.killStep());
  }
}
