package io.sluice.tests.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.JobRegistry;
import io.sluice.ml.ModelRegistry;
import io.sluice.runner.SluiceCli;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.testing.DynamoDbServer;
import io.sluice.testing.LocalEngines;
import io.sluice.testing.RequiredTool;
import io.sluice.testing.SluiceProcess;
import io.sluice.warehouse.QueryResult;
import io.sluice.warehouse.Warehouse;
import io.sluice.warehouse.WarehouseTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sluice demo} end to end, twice (the second run must change nothing; the first through
 * {@code bin/sluice} as a user runs it, without warnings and with its JIT kept), then its printed
 * figures checked against the outputs it left in S3, read back with Spark SQL: every step's records
 * add up, the SQL answers printed from DuckDB equal the same queries over the Parquet/CSV outputs,
 * the key-value lookup equals the prediction row, and nothing was duplicated by the re-run.
 *
 * <p>Tagged {@code own-spark-session}: the CLI in this process starts Spark with settings of its
 * own, so it runs in a JVM without the sluice-testing harness's shared session (see pom.xml).
 */
@Tag("own-spark-session")
class DemoPipelineIT {

  private static final Path ROOT =
      Path.of(System.getProperty("sluice.repo.root", "../..")).toAbsolutePath().normalize();
  private static final Path PIPELINE = ROOT.resolve("sample-data/pipelines/demo.yaml");
  private static final List<String> ANSWERS =
      List.of("revenue-per-day", "top-uris", "churn-revenue");
  private static final String BUCKET = "s3a://sluice-demo";

  private static Path work;
  private static String first;
  private static String second;
  private static EmbeddedS3 s3;
  private static EngineContext engines;
  private static SparkSession spark;

  @BeforeAll
  static void runDemoTwice() throws Exception {
    RequiredTool.check(
        "the DynamoDB API server (dynalite)", dynaliteInstalled(), DynamoDbServer.INSTALL_HINT);
    work = Files.createTempDirectory("sluice-demo-it");
    first = demoThroughTheLauncher();
    copyTree(work.resolve("s3/sluice-demo/predictions/churn"), work.resolve("first-predictions"));
    second = demoInProcess();
    // The demo stopped its services; the S3 data is files under the work dir, served again for the
    // checks.
    s3 = EmbeddedS3.start(work.resolve("s3"), 0);
    EngineContext.Builder b = LocalEngines.builder(new Configuration());
    s3.storageConfig().hadoopSettings().forEach(b::hadoopSetting);
    s3.storageConfig().sparkSettings().forEach(b::sparkConf);
    engines = b.build();
    spark = engines.spark();
    spark.read().parquet(BUCKET + "/curated/orders").createOrReplaceTempView("orders");
    spark
        .read()
        .parquet(BUCKET + "/predictions/churn")
        .createOrReplaceTempView("churn_predictions");
    spark
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .csv(BUCKET + "/reports/logs/top_uris")
        .createOrReplaceTempView("top_uris");
  }

  @AfterAll
  static void stop() throws Exception {
    if (engines != null) {
      engines.close();
    }
    if (s3 != null) {
      // Hadoop's cached S3A client of this endpoint must not outlive it (later tests in this JVM).
      FileSystem.get(URI.create(BUCKET + "/"), s3.storageConfig().applyTo(new Configuration()))
          .close();
      s3.close();
    }
    if (work != null) {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The first run as a user first runs it, through {@code bin/sluice}: its JVM (C1 only, see
   * bin/sluice) keeps its JIT to the end, and nothing is on stderr but its own progress and the
   * job's own report of the sample data's bad rows.
   */
  private static String demoThroughTheLauncher() throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/sluice").toString()));
    command.addAll(demoArgs());
    SluiceProcess.Result demo =
        SluiceProcess.exec(command.toArray(String[]::new)).workDir(ROOT).timeoutSeconds(600).run();
    assertEquals(0, demo.exitCode(), () -> "demo failed:\n" + demo.all());
    assertTrue(
        demo.stderr().contains("[1/13] upload-raw (upload) ..."),
        "progress lines on stderr:\n" + demo.stderr());
    assertFalse(demo.all().contains("CodeCache is full"), demo.stderr());
    List<String> warnings =
        demo.stderr()
            .lines()
            .filter(l -> !l.contains("records were rejected; see "))
            .filter(l -> l.matches(".*\\bWARN(ING)?\\b.*") || l.startsWith("SLF4J"))
            .toList();
    assertEquals(List.of(), warnings, demo.stderr());
    return demo.stdout();
  }

  /** The second run in this JVM, through the CLI's own entry point. */
  private static String demoInProcess() {
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(demoArgs().toArray(String[]::new));
    assertEquals(0, code, () -> "demo failed:\n" + err + "\n" + out);
    assertTrue(
        err.toString().contains("[1/13] upload-raw (upload) ..."),
        "progress lines on stderr:\n" + err);
    return out.toString();
  }

  /** Both runs: the shipped pipeline into the class's work dir, on two local cores. */
  private static List<String> demoArgs() {
    return List.of(
        "demo",
        "--workdir",
        work.toString(),
        "--pipeline",
        PIPELINE.toString(),
        "--master",
        "local[2]");
  }

  @Test
  void everyStepAccountsForItsRecords() {
    for (String output : List.of(first, second)) {
      Map<String, long[]> steps = stepTable(output);
      assertEquals(
          List.of(
              "upload-raw",
              "etl-orders",
              "access-logs",
              "train-churn",
              "predict-churn",
              "orders-table",
              "load-orders",
              "load-top-uris",
              "load-predictions",
              "kv-predictions",
              "revenue-per-day",
              "top-uris",
              "churn-revenue"),
          new ArrayList<>(steps.keySet()));
      steps.forEach((name, c) -> assertEquals(c[0], c[1] + c[2], name + ": in = out + rejected"));
      assertTrue(
          steps.get("etl-orders")[0] > 0 && steps.get("access-logs")[2] > 0,
          "the samples hold bad log lines");
      assertEquals(
          steps.get("predict-churn")[1],
          steps.get("kv-predictions")[1],
          "every prediction reached the store");
    }
    long orders = spark.table("orders").count();
    assertEquals(
        orders, stepTable(first).get("load-orders")[1], "rows loaded = rows the ETL wrote");
  }

  @Test
  void sqlAnswersEqualSparkSqlOverTheOutputs() {
    for (String name : ANSWERS) {
      String query = printedQuery(first, name);
      List<List<String>> printed = printedRows(first, name);
      List<List<String>> bySpark = new ArrayList<>();
      for (Row r : spark.sql(query).collectAsList()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
          cells.add(normal(r.isNullAt(i) ? "NULL" : String.valueOf(r.get(i))));
        }
        bySpark.add(cells);
      }
      assertTrue(!printed.isEmpty(), name + " printed rows");
      assertEquals(
          bySpark, printed, name + ": DuckDB's printed answer vs Spark SQL over the outputs");
    }
  }

  @Test
  void kvLookupEqualsThePredictionRow() throws Exception {
    String line =
        first
            .lines()
            .filter(l -> l.startsWith("kv get churn_predictions "))
            .findFirst()
            .orElseThrow();
    String key = line.substring("kv get churn_predictions ".length(), line.indexOf(": "));
    JsonNode item = new ObjectMapper().readTree(line.substring(line.indexOf(": ") + 2));
    Row row =
        spark
            .sql(
                "SELECT prediction, probability FROM churn_predictions WHERE customer_id = '"
                    + key
                    + "'")
            .first();
    assertEquals(key, item.get("customer_id").asText());
    assertEquals(row.getString(0), item.get("prediction").asText());
    assertEquals(row.getDouble(1), item.get("probability").asDouble(), 0.0);
  }

  @Test
  void secondRunGivesTheSameAnswersAndNoDuplicates() throws Exception {
    for (String name : ANSWERS) {
      assertEquals(printedRows(first, name), printedRows(second, name), name + " after the re-run");
    }
    assertEquals(modelLine(first), modelLine(second));
    Configuration conf = s3.storageConfig().applyTo(new Configuration());
    assertEquals(
        1,
        new ModelRegistry("s3://sluice-demo/models", conf).list().size(),
        "the re-run reused the model version");
    try (Warehouse w =
        WarehouseTarget.open("duckdb:" + work.resolve("warehouse.duckdb"), Map.of())) {
      assertEquals(
          List.of(List.of(spark.table("orders").count(), spark.table("orders").count())),
          longs(w.query("SELECT count(*), count(DISTINCT order_id) FROM orders", 10)));
      long predictions = spark.table("churn_predictions").count();
      assertEquals(
          List.of(List.of(predictions, predictions)),
          longs(
              w.query("SELECT count(*), count(DISTINCT customer_id) FROM churn_predictions", 10)));
    }
    assertTrue(
        Files.isRegularFile(work.resolve("churn-roc.png")), "the ROC picture was downloaded");
  }

  /**
   * The first run predicts with the pipeline it has just fitted and registered, held in memory; the
   * second reuses that version and reads it back from the registry: the same predictions.
   */
  @Test
  void predictionsOfTheFittedPipelineEqualThoseOfTheVersionReadBack() {
    Dataset<Row> fromMemory =
        spark.read().parquet(work.resolve("first-predictions").toUri().toString());
    Dataset<Row> readBack = spark.table("churn_predictions");
    assertEquals(readBack.schema(), fromMemory.schema());
    assertEquals(readBack.count(), fromMemory.count());
    assertEquals(0, fromMemory.exceptAll(readBack).count());
    assertEquals(0, readBack.exceptAll(fromMemory).count());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (p.getFileName().toString().endsWith(".parquet")) {
          Files.copy(p, target);
        }
      }
    }
  }

  private static String modelLine(String output) {
    return output.lines().filter(l -> l.startsWith("model churn:")).findFirst().orElseThrow();
  }

  private static List<List<Long>> longs(QueryResult r) {
    return r.rows().stream()
        .map(row -> row.stream().map(v -> ((Number) v).longValue()).toList())
        .toList();
  }

  /** The per-step table: step -> {in, out, rejected}. */
  private static Map<String, long[]> stepTable(String output) {
    Map<String, long[]> steps = new LinkedHashMap<>();
    List<String> lines = output.lines().toList();
    int i = 0;
    while (!lines.get(i).startsWith("step ")) {
      i++;
    }
    for (i++; i < lines.size() && !lines.get(i).isBlank(); i++) {
      String[] f = lines.get(i).trim().split("\\s+");
      steps.put(
          f[0], new long[] {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])});
    }
    return steps;
  }

  private static String printedQuery(String output, String name) {
    String line = output.lines().filter(l -> l.startsWith(name + ": ")).findFirst().orElseThrow();
    return line.substring(name.length() + 2);
  }

  /** The rows of the table printed under "NAME: QUERY" (+---+ borders, a header row, then rows). */
  private static List<List<String>> printedRows(String output, String name) {
    List<String> lines = output.lines().toList();
    int i = 0;
    while (!lines.get(i).startsWith(name + ": ")) {
      i++;
    }
    i += 4; // border, header, border
    List<List<String>> rows = new ArrayList<>();
    for (; lines.get(i).startsWith("|"); i++) {
      String inner = lines.get(i).substring(1, lines.get(i).length() - 1);
      rows.add(
          Arrays.stream(inner.split("\\|", -1))
              .map(String::trim)
              .map(DemoPipelineIT::normal)
              .toList());
    }
    return rows;
  }

  /** Numbers compared as numbers (DuckDB prints 4778.9, Spark 4778.90 for the same decimal). */
  private static String normal(String cell) {
    try {
      return new BigDecimal(cell).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return cell;
    }
  }

  private static boolean dynaliteInstalled() {
    if (System.getenv("SLUICE_DYNALITE") != null) {
      return true;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(".sluice/tools/dynalite/node_modules/dynalite/cli.js"))) {
        return true;
      }
    }
    return false;
  }
}
