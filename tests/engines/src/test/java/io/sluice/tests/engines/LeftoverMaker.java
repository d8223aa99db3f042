package io.sluice.tests.engines;

import io.sluice.jobs.StagedOutput;
import io.sluice.storage.StorageUri;
import io.sluice.storage.leftovers.StagingDirs;
import io.sluice.warehouse.LoadInput;
import io.sluice.warehouse.LoadMode;
import io.sluice.warehouse.LoadRequest;
import io.sluice.warehouse.TableName;
import io.sluice.warehouse.Warehouse;
import io.sluice.warehouse.WarehouseTarget;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A child JVM caught in the middle of a job's write, a model's registration and a PostgreSQL load
 * (and, when given a DuckDB file, a merge load's TEMP stage table), for {@link CleanIT} to SIGKILL
 * or leave running. Arguments: output, registry root, PostgreSQL URL, table, scratch folder[,
 * DuckDB file]. Prints "ready" once every artefact exists, then blocks.
 */
public final class LeftoverMaker {

  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    StagedOutput staged = StagedOutput.prepare(StorageUri.parse(args[0]), false, conf);
    FileSystem fs = staged.stagingPath().getFileSystem(conf);
    fs.mkdirs(staged.stagingPath());
    fs.create(new org.apache.hadoop.fs.Path(staged.stagingPath(), "part-00000")).close();
    org.apache.hadoop.fs.Path version =
        new org.apache.hadoop.fs.Path(
            args[1] + "/churn/" + StagingDirs.newName(StagingDirs.MODEL_VERSION));
    FileSystem.get(version.toUri(), conf).mkdirs(version);

    Path scratch = Path.of(args[4]);
    if (args.length > 5) {
      // A merge load into DuckDB stages in a TEMP table: it dies with the session.
      Connection duck = DriverManager.getConnection("jdbc:duckdb:" + args[5]);
      try (Statement s = duck.createStatement()) {
        s.execute("CREATE TEMP TABLE _sluice_stage_0a1b2c3d_t AS SELECT 1 AS id");
      }
    }
    // More than 1 MiB: the load commits its stage table and copies on parallel streams; the
    // first progress report (after 100,000 rows) is mid-COPY.
    Path csv = Files.createTempFile(scratch, "rows", ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      w.write("id,name\n");
      for (int i = 0; i < 150_000; i++) {
        w.write(i + ",name-" + i + "\n");
      }
    }
    Warehouse warehouse = WarehouseTarget.open(args[2], Map.of());
    warehouse.load(
        LoadRequest.builder()
            .input(LoadInput.resolve(StorageUri.parse(csv.toString()), null, conf))
            .table(TableName.parse(args[3]))
            .mode(LoadMode.REPLACE)
            .quarantine(scratch.resolve(args[3] + "-quarantine.csv"))
            .progress(
                (rows, bytes) -> {
                  System.out.println("ready");
                  System.out.flush();
                  try {
                    Thread.sleep(120_000); // bounded: the test kills it long before
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                LoadRequest.DEFAULT_PROGRESS_INTERVAL)
            .build());
  }
}
