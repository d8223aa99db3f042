package io.sluice.tests.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.SluiceCli;
import io.sluice.warehouse.QueryResult;
import io.sluice.warehouse.Warehouse;
import io.sluice.warehouse.WarehouseTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sluice pipeline run --on minicluster}: the sample data uploaded into a real MiniDFSCluster
 * the command starts, the ETL on Spark and the log analytics on MapReduce reading and writing
 * {@code ${hdfs}} URIs, a Spark SQL table, a DuckDB load and a SQL check, all through HDFS. The
 * accounting must match the samples' known counts, as on the local file system.
 *
 * <p>Tagged {@code own-spark-session}: the CLI in this process starts Spark with settings of its
 * own, so it runs in a JVM without the sluice-testing harness's shared session (see pom.xml).
 */
@Tag("own-spark-session")
class PipelineOnMiniClusterIT {

  private static final Path ROOT =
      Path.of(System.getProperty("sluice.repo.root", "../..")).toAbsolutePath().normalize();

  private static Path work;
  private static int exitCode;
  private static String out;
  private static String err;

  @BeforeAll
  static void runOnMiniCluster() throws Exception {
    work = Files.createTempDirectory("sluice-pipeline-mini");
    Path warehouse = work.resolve("warehouse.duckdb");
    Path pipeline = work.resolve("mini.yaml");
    Files.writeString(
        pipeline,
        String.join(
            "\n",
            "name: mini",
            "vars:",
            "  data: " + ROOT.resolve("sample-data"),
            "  base: ${hdfs}/sluice",
            "  warehouse: duckdb:" + warehouse,
            "steps:",
            "  - {name: upload-raw, kind: upload, from: '${data}', include: [etl, logs], to: '${base}/raw'}",
            "  - name: etl-orders",
            "    kind: job",
            "    job: etl",
            "    options: {input: '${base}/raw/etl/orders.csv', schema: '${base}/raw/etl/orders.schema.yaml',",
            "              output: '${base}/curated/orders', overwrite: true}",
            "  - name: access-logs",
            "    kind: job",
            "    job: logs",
            "    engine: mapreduce",
            "    options: {input: '${base}/raw/logs', output: '${base}/reports/logs', overwrite: true}",
            "  - {name: orders-table, kind: spark-sql, inputs: {orders: '${base}/curated/orders'}, query: SELECT * FROM orders,",
            "     output: '${base}/tables/orders'}",
            "  - {name: load-orders, kind: load-warehouse, input: '${base}/tables/orders', table: orders, mode: replace,",
            "     target: '${warehouse}'}",
            "  - {name: orders-count, kind: sql-check, target: '${warehouse}', query: SELECT count(*) FROM orders, expect: '= 980'}",
            ""));
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load());
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cli.setOut(new PrintWriter(o, true));
    cli.setErr(new PrintWriter(e, true));
    exitCode =
        cli.execute(
            "pipeline",
            "run",
            pipeline.toString(),
            "--on",
            "minicluster",
            "--minicluster-dir",
            work.resolve("dfs").toString(),
            "--conf",
            "spark.sql.shuffle.partitions=4");
    out = o.toString();
    err = e.toString();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (work != null) {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void everyStepRanOnTheMiniClustersHdfsAndAccountsForItsRecords() throws Exception {
    assertEquals(0, exitCode, () -> "pipeline failed:\n" + err + "\n" + out);
    assertTrue(err.contains("minicluster: HDFS at hdfs://127.0.0.1:"), err);
    assertTrue(
        err.contains("to hdfs://127.0.0.1:"), "the upload went to the mini-cluster:\n" + err);
    assertEquals("1004 1000 4 980", counts("etl-orders"), "the ETL's accounting on HDFS");
    assertEquals(
        "505 500 5",
        counts("access-logs").substring(0, "505 500 5".length()),
        "MapReduce logs on HDFS");
    assertEquals("980 980 0 980", counts("orders-table"));
    assertEquals("980 980 0 980", counts("load-orders"));
    assertTrue(out.contains("pipeline mini [minicluster] done: 6 steps"), out);
    try (Warehouse w =
        WarehouseTarget.open("duckdb:" + work.resolve("warehouse.duckdb"), Map.of())) {
      QueryResult r = w.query("SELECT count(*), count(DISTINCT order_id) FROM orders", 10);
      assertEquals("980", String.valueOf(r.rows().get(0).get(0)));
      assertEquals(
          "980", String.valueOf(r.rows().get(0).get(1)), "no duplicate keys reached the warehouse");
    }
  }

  /** "in out rejected [written]" of a step's row in the printed table. */
  private static String counts(String step) {
    Matcher m =
        Pattern.compile(
                "(?m)^" + Pattern.quote(step) + "\\s+\\S+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)")
            .matcher(out);
    assertTrue(m.find(), step + " in\n" + out);
    String written = m.group(4).equals("-") ? "" : " " + m.group(4);
    return m.group(1) + " " + m.group(2) + " " + m.group(3) + written;
  }
}
