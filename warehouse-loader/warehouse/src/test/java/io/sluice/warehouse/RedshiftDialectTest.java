package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedshiftDialectTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/SluiceLoader";
  private final RedshiftDialect dialect = new RedshiftDialect(ROLE, null);
  private final List<ColumnDefinition> columns =
      ParquetTypeMapping.columns(SampleData.ORDERS, SqlDialect.REDSHIFT);

  @Test
  void createStagesCopiesAndRenamesInOneTransaction() {
    List<String> sql =
        dialect.load(
            "s3://data-lake/orders/2024/",
            TableName.parse("sales.orders"),
            LoadMode.CREATE,
            List.of(),
            columns,
            false,
            "load-1");
    String stage = sql.get(1).substring("CREATE TABLE ".length(), sql.get(1).indexOf(" ("));
    assertTrue(stage.startsWith("\"sales\".\"_sluice_stage_"), stage);
    assertEquals("BEGIN", sql.get(0));
    assertEquals(
        "CREATE TABLE "
            + stage
            + " (\"id\" BIGINT, \"customer\" VARCHAR(65535), \"amount\" DECIMAL(12,2),"
            + " \"ordered_on\" DATE, \"paid_at\" TIMESTAMPTZ, \"local_time\" TIMESTAMP, \"weight\" DOUBLE PRECISION,"
            + " \"express\" BOOLEAN, \"tags\" SUPER, \"address\" SUPER, \"attrs\" SUPER)",
        sql.get(1));
    assertEquals(
        "COPY "
            + stage
            + " FROM 's3://data-lake/orders/2024/' IAM_ROLE '"
            + ROLE
            + "' FORMAT AS PARQUET SERIALIZETOJSON",
        sql.get(2));
    assertEquals("DROP TABLE IF EXISTS \"sales\".\"orders\"", sql.get(3));
    assertEquals("ALTER TABLE " + stage + " RENAME TO \"orders\"", sql.get(4));
    assertEquals("END", sql.get(sql.size() - 1));
  }

  @Test
  void upsertDeletesMatchingKeysThenInserts() {
    List<ColumnDefinition> flat =
        ParquetTypeMapping.columns(SampleData.NARROW_LONG, SqlDialect.REDSHIFT);
    RedshiftDialect inRegion = new RedshiftDialect(ROLE, "eu-west-1");
    List<String> sql =
        inRegion.load(
            "s3://bucket/t/",
            TableName.parse("t"),
            LoadMode.UPSERT,
            List.of("id"),
            flat,
            true,
            "x");
    String script = RedshiftDialect.script(sql);
    String stage =
        sql.get(1).substring("CREATE TEMP TABLE ".length(), sql.get(1).indexOf(" (LIKE"));
    assertEquals("CREATE TEMP TABLE " + stage + " (LIKE \"t\")", sql.get(1));
    assertEquals(
        "COPY "
            + stage
            + " FROM 's3://bucket/t/' IAM_ROLE '"
            + ROLE
            + "' FORMAT AS PARQUET REGION 'eu-west-1'",
        sql.get(2));
    assertEquals(
        "DELETE FROM \"t\" USING " + stage + " WHERE \"t\".\"id\" = " + stage + ".\"id\"",
        sql.get(3));
    assertEquals("INSERT INTO \"t\" SELECT * FROM " + stage, sql.get(4));
    assertTrue(script.startsWith("BEGIN;\n") && script.endsWith("END;\n"), script);
    assertTrue(script.contains("INSERT INTO \"sluice_load_history\""), script);
  }

  @Test
  void injectionIntoLiteralsIsRefused() {
    assertThrows(
        InvalidLoadRequestException.class,
        () -> new RedshiftDialect("arn:aws:iam::1:role/x' --", null));
    assertThrows(
        InvalidLoadRequestException.class, () -> new RedshiftDialect(ROLE, "eu-west-1'; DROP"));
    assertThrows(
        InvalidLoadRequestException.class,
        () ->
            dialect.load(
                "s3://bucket/a'; DROP TABLE t; --",
                TableName.parse("t"),
                LoadMode.APPEND,
                List.of(),
                columns,
                true,
                "x"));
    assertThrows(InvalidLoadRequestException.class, () -> TableName.parse("t; DROP TABLE x"));
    assertEquals(
        "SELECT 1 FROM \"sluice_load_history\" WHERE table_name = 't' AND load_id = 'it''s'",
        dialect.historyCheck(TableName.parse("t"), "it's"));
  }

  @Test
  void typesRedshiftCannotHoldAreNamed() {
    UnsupportedColumnTypeException e =
        assertThrows(
            UnsupportedColumnTypeException.class,
            () ->
                ParquetTypeMapping.columns(
                    org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                        "message m { optional fixed_len_byte_array(16) u (UUID); }"),
                    SqlDialect.REDSHIFT));
    assertEquals(
        "column 'u' has Parquet type UUID, which redshift cannot hold; write it as a string column",
        e.getMessage());
  }
}
