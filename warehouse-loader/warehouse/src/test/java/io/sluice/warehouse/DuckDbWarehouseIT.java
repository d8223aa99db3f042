package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads into an embedded DuckDB file. */
class DuckDbWarehouseIT {

  @TempDir Path dir;
  private DuckDbWarehouse warehouse;

  @BeforeEach
  void open() {
    warehouse =
        (DuckDbWarehouse)
            WarehouseTarget.open("duckdb:" + dir.resolve("w/warehouse.duckdb"), java.util.Map.of());
  }

  private LoadResult load(Path input, String table, LoadMode mode, String... keys) {
    return warehouse.load(
        SampleData.request(input, table, mode, dir.resolve("quarantine.csv"))
            .keyColumns(List.of(keys))
            .build());
  }

  private Object scalar(String sql) {
    return warehouse.query(sql, 10).rows().get(0).get(0);
  }

  @Test
  void createKeepsDecimalTimestampDateAndNestedTypes() throws Exception {
    Path in = SampleData.orders(dir.resolve("orders/part-00000.parquet"), 1, 101);
    Files.writeString(dir.resolve("orders/_SUCCESS"), "");
    LoadResult r = load(dir.resolve("orders"), "orders", LoadMode.CREATE);
    assertEquals(100, r.rowsLoaded());
    assertTrue(Files.exists(dir.resolve("w/warehouse.duckdb")));
    assertEquals(
        "DECIMAL(12,2)",
        scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'amount'"));
    assertEquals(
        "DATE",
        scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'ordered_on'"));
    assertEquals(
        "TIMESTAMP WITH TIME ZONE",
        scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'paid_at'"));
    assertEquals(
        "VARCHAR[]",
        scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'tags'"));
    assertEquals("8.75", scalar("SELECT amount::VARCHAR FROM orders WHERE id = 7"));
    assertEquals("Lyon\t7", scalar("SELECT address.city FROM orders WHERE id = 7"));
    assertEquals("x\\y", scalar("SELECT tags[2] FROM orders WHERE id = 7"));
    assertTrue(in.toFile().exists());
  }

  @Test
  void everyModeAndRepeatsDoNotDuplicate() throws Exception {
    Path a = SampleData.narrow(dir.resolve("a.parquet"), SampleData.NARROW_LONG, 0, 100);
    Path b = SampleData.narrow(dir.resolve("b.parquet"), SampleData.NARROW_LONG, 100, 150);
    load(a, "t", LoadMode.CREATE);
    assertTrue(load(a, "t", LoadMode.CREATE).skipped());
    assertThrows(InvalidLoadRequestException.class, () -> load(b, "t", LoadMode.CREATE));
    load(b, "t", LoadMode.APPEND);
    assertTrue(load(b, "t", LoadMode.APPEND).skipped());
    assertEquals(150L, scalar("SELECT count(*) FROM t"));

    Path delta = SampleData.narrow(dir.resolve("delta.parquet"), SampleData.NARROW_LONG, 140, 200);
    warehouse.query("UPDATE t SET name = 'old'", 1);
    load(delta, "t", LoadMode.UPSERT, "id");
    load(delta, "t", LoadMode.UPSERT, "id");
    assertEquals(200L, scalar("SELECT count(*) FROM t"));
    assertEquals(140L, scalar("SELECT count(*) FROM t WHERE name = 'old'"));

    load(a, "t", LoadMode.REPLACE);
    load(a, "t", LoadMode.REPLACE);
    assertEquals(100L, scalar("SELECT count(*) FROM t"));
    // Replacing forgot the earlier appends: appending b again is a real append now.
    assertEquals(50, load(b, "t", LoadMode.APPEND).rowsLoaded());
  }

  @Test
  void aFailingLoadLeavesTheOldTable() throws Exception {
    warehouse.query("CREATE TABLE kept (id INTEGER NOT NULL, name VARCHAR, qty INTEGER)", 1);
    warehouse.query("INSERT INTO kept VALUES (1, 'kept', 1)", 1);
    Path in =
        SampleData.narrow(
            dir.resolve("bad.parquet"), SampleData.NARROW_LONG, 2_147_481_148L, 2_147_486_148L);
    WarehouseException e =
        assertThrows(WarehouseException.class, () -> load(in, "kept", LoadMode.APPEND));
    assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
    assertEquals(1L, scalar("SELECT count(*) FROM kept"));
    assertEquals(
        0L,
        scalar("SELECT count(*) FROM " + Warehouse.HISTORY_TABLE + " WHERE table_name = 'kept'"));
  }

  @Test
  void csvRejectsGoToQuarantineWithLine() throws Exception {
    StringBuilder csv = new StringBuilder("id,name,qty\n");
    for (int i = 1; i <= 50; i++) {
      csv.append(i)
          .append(",n")
          .append(i)
          .append(',')
          .append(i)
          .append(i == 25 ? ",extra" : "")
          .append('\n');
    }
    Path in = SampleData.csv(dir.resolve("rows.csv"), csv.toString());
    LoadResult r = load(in, "csv_rows", LoadMode.CREATE);
    assertEquals(50, r.rowsRead());
    assertEquals(49, r.rowsLoaded());
    assertEquals(1, r.rowsRejected());
    String q = Files.readString(dir.resolve("quarantine.csv"));
    assertTrue(q.contains(",26,") && q.contains("25,n25,25,extra"), q);
    assertEquals(49L, scalar("SELECT count(*) FROM csv_rows"));

    // Into the existing table, its types decide: 'many' is no BIGINT, so that row is rejected.
    Path more = SampleData.csv(dir.resolve("more.csv"), "qty,id,name\n7,51,a\nmany,52,b\n9,53,c\n");
    LoadResult appended = load(more, "csv_rows", LoadMode.APPEND);
    assertEquals(3, appended.rowsRead());
    assertEquals(2, appended.rowsLoaded());
    assertTrue(Files.readString(dir.resolve("quarantine.csv")).contains("many,52,b"));
    assertEquals(51L, scalar("SELECT count(*) FROM csv_rows"));
  }
}
