package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.OutputExistsException;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.SluiceJobException;
import io.sluice.testing.SluiceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code etl} job on both engines: the Spark and MapReduce (parquet-hadoop) paths give the same
 * rows when Spark reads them back, from local files and from a MiniDFSCluster, for CSV and JSON
 * Lines alike; bad rows are quarantined and counted; bad requests fail before anything is written;
 * a failed run leaves the earlier output as it was; and the job jar runs under SparkSubmit.
 */
@SluiceTest
class EtlIT extends OnMiniDfs {

  static final Path SAMPLES =
      Path.of(System.getProperty("sluice.repo.root", "../.."), "sample-data", "etl");
  static final Path CSV = SAMPLES.resolve("orders.csv");

  private static SparkSession spark;
  private static List<String> csvRows;

  @TempDir static Path dir;

  @BeforeAll
  static void copySamples(SparkSession session) throws Exception {
    spark = session;
    fs.copyFromLocalFile(
        hadoopPath(SAMPLES.resolve("orders.jsonl")),
        new org.apache.hadoop.fs.Path("/etl/jsonl/orders.jsonl"));
    fs.copyFromLocalFile(
        hadoopPath(SAMPLES.resolve("orders.schema.json")),
        new org.apache.hadoop.fs.Path("/etl/orders.schema.json"));
  }

  private static org.apache.hadoop.fs.Path hadoopPath(Path local) {
    return new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri());
  }

  private static RunSummary run(
      Engine engine, String input, String schema, String output, String... more) {
    Map<String, String> params =
        new HashMap<>(Map.of("input", input, "schema", schema, "output", output));
    for (int i = 0; i < more.length; i += 2) {
      params.put(more[i], more[i + 1]);
    }
    return sluice.run("etl", engine, params);
  }

  /** Reads an output back with Spark: its schema, then every row, sorted. */
  private static List<String> readBack(String output) {
    Dataset<Row> table = spark.read().parquet(output);
    List<String> rows = new ArrayList<>();
    rows.add(table.schema().simpleString());
    table.collectAsList().stream().map(Row::toString).sorted().forEach(rows::add);
    return rows;
  }

  /**
   * The sample CSV's line numbers (1 = header) that do not fit the schema, found here without the
   * job's parser: not 9 columns, an empty or unparsable amount, or a date that is not a day.
   */
  private static List<Integer> badCsvLines() throws Exception {
    List<Integer> bad = new ArrayList<>();
    List<String> lines = Files.readAllLines(CSV);
    for (int n = 2; n <= lines.size(); n++) {
      String[] cells = lines.get(n - 1).split(",", -1);
      try {
        if (cells.length != 9) {
          throw new IllegalArgumentException("columns");
        }
        Double.parseDouble(cells[3].trim());
        java.time.LocalDate.parse(cells[6].trim());
      } catch (RuntimeException e) {
        bad.add(n);
      }
    }
    return bad;
  }

  /** order_id -> amount of the last valid CSV line with that id: what de-duplication must keep. */
  private static Map<String, String> lastAmountById() throws Exception {
    Map<String, String> last = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(CSV);
    List<Integer> bad = badCsvLines();
    for (int n = 2; n <= lines.size(); n++) {
      if (bad.contains(n)) {
        continue;
      }
      String[] cells = lines.get(n - 1).split(",");
      last.put(cells[0], cells[3].trim());
    }
    return last;
  }

  /**
   * The sample CSV through Spark, run once; the JSON Lines and SparkSubmit tests compare with it.
   */
  private static synchronized List<String> csvRows() {
    if (csvRows == null) {
      Path out = dir.resolve("csv-" + Engine.SPARK);
      run(
          Engine.SPARK,
          CSV.toString(),
          SAMPLES.resolve("orders.schema.yaml").toString(),
          out.toString());
      csvRows = readBack(out.toString());
    }
    return csvRows;
  }

  @Test
  void csvSampleGivesTheSameRowsOnBothEnginesDeduplicatedAndPartitioned() throws Exception {
    Map<String, String> lastAmount = lastAmountById();
    List<String> rejectedMr = null;
    for (Engine engine : List.of(Engine.MAPREDUCE, Engine.SPARK)) {
      Path out = dir.resolve("csv-" + engine);
      RunSummary s =
          engine == Engine.SPARK && csvRows != null
              ? null
              : run(
                  engine,
                  CSV.toString(),
                  SAMPLES.resolve("orders.schema.yaml").toString(),
                  out.toString());
      if (engine == Engine.SPARK) {
        csvRows(); // runs Spark here unless another test already did
      }
      List<Integer> bad = badCsvLines();
      long lines = Files.readAllLines(CSV).size() - 1;
      if (s != null) {
        // Every line but the header is a record; bad lines are rejected; duplicates are accepted,
        // not written.
        assertEquals(
            new RunSummary.Counts(
                lines,
                lines - bad.size(),
                bad.size(),
                lastAmount.size(),
                s.counts().bytesIn(),
                s.counts().bytesOut()),
            s.counts(),
            s.toLine());
      }
      try (Stream<Path> days = Files.list(out)) {
        assertEquals(
            List.of(
                "order_date=2024-03-01",
                "order_date=2024-03-02",
                "order_date=2024-03-03",
                "order_date=2024-03-04",
                "order_date=2024-03-05"),
            days.map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("order_date="))
                .sorted()
                .toList());
      }
      List<String> rejected =
          AccessLogIT.jsonLines(
              FileSystem.getLocal(new Configuration()), hadoopPath(out.resolve("_rejected")));
      String source = "{\"source\":\"file:" + CSV.toAbsolutePath().normalize() + "\",";
      // sample-data/README.md: a row a column short, an empty amount, amount 12.3.4, date
      // 2024-03-32.
      assertEquals(List.of(303, 454, 605, 906), bad);
      assertEquals(4, rejected.size(), rejected.toString());
      assertTrue(
          rejected
              .get(0)
              .startsWith(
                  source
                      + "\"position\":303,\"field\":null,\"reason\":\"has 7 columns, the header has 9\""),
          rejected.get(0));
      assertTrue(
          rejected
              .get(1)
              .startsWith(
                  source
                      + "\"position\":454,\"field\":\"amount\",\"reason\":\"missing value for a non-nullable field\""),
          rejected.get(1));
      assertTrue(
          rejected
              .get(2)
              .startsWith(
                  source
                      + "\"position\":605,\"field\":\"amount\",\"reason\":\"not a number: '12.3.4'\""),
          rejected.get(2));
      assertTrue(
          rejected
              .get(3)
              .startsWith(
                  source + "\"position\":906,\"field\":\"order_date\",\"reason\":\"not a date"),
          rejected.get(3));
      if (rejectedMr == null) {
        rejectedMr = rejected;
      } else {
        assertEquals(rejectedMr, rejected, "both engines quarantine the same records");
      }
    }
    List<String> fromMr = readBack(dir.resolve("csv-" + Engine.MAPREDUCE).toString());
    assertEquals(fromMr, csvRows(), "Spark reads the same rows from both engines' Parquet");
    assertEquals(1 + lastAmount.size(), fromMr.size());

    Dataset<Row> table = spark.read().parquet(dir.resolve("csv-" + Engine.MAPREDUCE).toString());
    for (Row r : table.select("order_id", "amount").collectAsList()) {
      assertEquals(
          Double.parseDouble(lastAmount.get(String.valueOf(r.getLong(0)))),
          r.getDouble(1),
          0.0,
          "order " + r.getLong(0) + " keeps its last line's amount");
    }
    assertEquals(
        "struct<order_id:bigint,customer:string,country:string,amount:double,quantity:int,paid:boolean,"
            + "updated_at:timestamp,order_date:date>",
        fromMr.get(0));
  }

  @Test
  void jsonLinesOnHdfsGiveTheSameRowsOnBothEnginesAsTheCsv() throws Exception {
    List<String> rejectedMr = null;
    for (Engine engine : List.of(Engine.MAPREDUCE, Engine.SPARK)) {
      String out = hdfs + "/out/jsonl-" + engine;
      RunSummary s =
          run(
              engine,
              hdfs + "/etl/jsonl",
              hdfs + "/etl/orders.schema.json",
              out,
              "format",
              "jsonl");
      // The JSON Lines hold the CSV's good orders, and three bad lines of their own
      // (sample-data/README.md).
      long lines = Files.readAllLines(SAMPLES.resolve("orders.jsonl")).size();
      assertEquals(
          new RunSummary.Counts(
              lines,
              lines - 3,
              3,
              lastAmountById().size(),
              s.counts().bytesIn(),
              s.counts().bytesOut()),
          s.counts(),
          s.toLine());
      assertEquals(
          Files.readAllLines(CSV).size() - 1 - badCsvLines().size(),
          lines - 3,
          "the same good orders as the CSV");
      assertEquals(
          csvRows(),
          readBack(out),
          engine + ": JSON Lines and CSV of the same orders give the same rows");
      List<String> rejected =
          AccessLogIT.jsonLines(
              fs, new org.apache.hadoop.fs.Path("/out/jsonl-" + engine + "/_rejected"));
      assertEquals(3, rejected.size(), rejected.toString());
      assertTrue(
          rejected
              .get(0)
              .contains(
                  "/etl/jsonl/orders.jsonl\",\"position\":402,\"field\":null,\"reason\":\"malformed JSON: "),
          rejected.get(0));
      assertTrue(
          rejected
              .get(1)
              .contains(
                  "\"position\":703,\"field\":\"order_id\",\"reason\":\"not a long: 'seventy'\""),
          rejected.get(1));
      assertTrue(
          rejected
              .get(2)
              .contains(
                  "\"position\":804,\"field\":\"order_date\",\"reason\":\"missing value for a non-nullable field\""),
          rejected.get(2));
      if (rejectedMr == null) {
        rejectedMr = rejected;
      } else {
        assertEquals(rejectedMr, rejected);
      }
    }
  }

  @Test
  void aSchemaColumnMissingFromTheCsvHeaderIsOneLineNamingColumnAndFile() throws Exception {
    Path schema = dir.resolve("with-discount.schema.json");
    Files.writeString(
        schema,
        Files.readString(SAMPLES.resolve("orders.schema.json"))
            .replace(
                "\"fields\": [",
                "\"fields\": [\n    {\"name\": \"discount\", \"type\": \"double\"},"));
    for (Engine engine : List.of(Engine.MAPREDUCE, Engine.SPARK)) {
      Path out = dir.resolve("missing-column-" + engine);
      BadInputException e =
          assertThrows(
              BadInputException.class,
              () -> run(engine, CSV.toString(), schema.toString(), out.toString()));
      assertEquals(
          "column 'discount' named by the schema is missing from the CSV header of file:"
              + CSV.toAbsolutePath().normalize()
              + " (header: order_id,customer,country,amount,quantity,paid,order_date,updated_at,channel)",
          e.getMessage());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void anEmptyInputDirectoryIsRefusedAndWritesNothing() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    for (Engine engine : List.of(Engine.MAPREDUCE, Engine.SPARK)) {
      Path out = dir.resolve("empty-out-" + engine);
      BadInputException e =
          assertThrows(
              BadInputException.class,
              () ->
                  run(
                      engine,
                      empty.toString(),
                      SAMPLES.resolve("orders.schema.json").toString(),
                      out.toString()));
      assertEquals(
          "--input " + empty + " holds no input files (names starting with '_' or '.' are ignored)",
          e.getMessage());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void aFailedRunLeavesTheEarlierOutputUntouchedAndOverwriteReplacesIt() throws Exception {
    Path schema = dir.resolve("regions.schema.yaml");
    Files.writeString(
        schema,
        "fields: [{name: id, type: long}, {name: region, type: string}, {name: n, type: int}]\n"
            + "key: [id]\npartitionBy: region\n");
    Path first = dir.resolve("regions-1.csv");
    Files.writeString(first, "id,region,n\n1,north,1\n2,south,2\n");
    // A partition value longer than a file name may be: the write fails inside the engine, mid-job.
    Path failing = dir.resolve("regions-bad.csv");
    Files.writeString(failing, "id,region,n\n1,north,5\n3," + "r".repeat(300) + ",3\n");
    Path second = dir.resolve("regions-2.csv");
    Files.writeString(second, "id,region,n\n1,north,10\n4,east,4\n1,north,11\n");
    Path out = dir.resolve("regions");

    run(Engine.MAPREDUCE, first.toString(), schema.toString(), out.toString());
    Map<String, String> before = snapshot(out);
    assertTrue(
        before.keySet().stream().anyMatch(f -> f.startsWith("region=south/part-")),
        before.keySet().toString());

    for (Engine engine : List.of(Engine.SPARK, Engine.MAPREDUCE)) {
      SluiceJobException e =
          assertThrows(
              SluiceJobException.class,
              () ->
                  run(
                      engine,
                      failing.toString(),
                      schema.toString(),
                      out.toString(),
                      "overwrite",
                      "true"),
              engine.id());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      System.out.println("failed as intended: " + e.getMessage());
      assertEquals(before, snapshot(out), engine + ": the failed run changed the earlier output");
      try (Stream<Path> siblings = Files.list(dir)) {
        assertEquals(
            List.of(),
            siblings
                .map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(".regions.sluice-staging"))
                .toList(),
            "staging left behind");
      }
    }
    assertThrows(
        OutputExistsException.class,
        () -> run(Engine.SPARK, second.toString(), schema.toString(), out.toString()));
    assertEquals(before, snapshot(out));

    RunSummary replaced =
        run(
            Engine.SPARK,
            second.toString(),
            schema.toString(),
            out.toString(),
            "overwrite",
            "true");
    assertEquals(
        new RunSummary.Counts(
            3, 3, 0, 2, replaced.counts().bytesIn(), replaced.counts().bytesOut()),
        replaced.counts(),
        replaced.toLine());
    assertEquals(
        List.of("struct<id:bigint,n:int,region:string>", "[1,11,north]", "[4,4,east]"),
        readBack(out.toString()));
  }

  /** Every file under a directory (hidden ones included) with its content. */
  private static Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)));
      }
    }
    return files;
  }

  @Test
  void sparkSubmitRunsTheJobJarWithTheSameRows() throws Exception {
    SubmittedJobs.Submitted result = SubmittedJobs.of("etl");
    Path out = result.output();
    long lines = Files.readAllLines(CSV).size() - 1;
    int bad = badCsvLines().size();
    assertTrue(
        result
            .stdout()
            .contains(
                "etl [spark] done: read="
                    + lines
                    + " accepted="
                    + (lines - bad)
                    + " rejected="
                    + bad
                    + " written="
                    + lastAmountById().size()
                    + " records"),
        result.stdout());
    assertEquals(csvRows(), readBack(out.toString()));
  }
}
