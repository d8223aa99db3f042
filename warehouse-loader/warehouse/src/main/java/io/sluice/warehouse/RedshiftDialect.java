package io.sluice.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * SQL for loading Parquet that is already in S3 into Amazon Redshift: Redshift reads it itself
 * ({@code COPY t FROM 's3://...' IAM_ROLE '...' FORMAT AS PARQUET}), into a staging table, and the
 * script then swaps (create, replace) or merges (append; upsert: delete matching keys, insert)
 * between {@code BEGIN} and {@code END}, so it applies completely or not at all. The load history
 * row is written in the same transaction; {@link #historyCheck} is the query a runner uses to skip
 * an append already applied.
 *
 * <p>COPY takes no bind parameters, so the two values it needs (the S3 location and the role ARN)
 * are validated against strict patterns before being written as quoted literals.
 */
public final class RedshiftDialect {

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
  private static final Pattern S3_LOCATION =
      Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[A-Za-z0-9!_.*()/=+,:@&$ -]*)?");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
  private static final String HISTORY = Identifiers.quote(Warehouse.HISTORY_TABLE);

  private final String iamRole;
  private final String region;

  /**
   * @param iamRoleArn the role Redshift assumes to read S3, {@code
   *     arn:aws:iam::123456789012:role/Name}
   * @param region the bucket's region when it differs from the cluster's, else null
   */
  public RedshiftDialect(String iamRoleArn, String region) {
    if (iamRoleArn == null || !ROLE_ARN.matcher(iamRoleArn).matches()) {
      throw new InvalidLoadRequestException(
          "'" + iamRoleArn + "' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
    }
    if (region != null && !REGION.matcher(region).matches()) {
      throw new InvalidLoadRequestException(
          "'" + region + "' is not an AWS region (e.g. eu-west-1)");
    }
    this.iamRole = iamRoleArn;
    this.region = region;
  }

  /**
   * The statements of one load, in order, each without a trailing semicolon.
   *
   * @param columns the input's columns ({@link ParquetTypeMapping#columns} with {@link
   *     SqlDialect#REDSHIFT}), used when a table is created
   * @param targetExists whether the target table exists (append/upsert into it; else it is created)
   */
  public List<String> load(
      String s3Location,
      TableName table,
      LoadMode mode,
      List<String> keys,
      List<ColumnDefinition> columns,
      boolean targetExists,
      String loadId) {
    if (s3Location == null || !S3_LOCATION.matcher(s3Location).matches()) {
      throw new InvalidLoadRequestException(
          "'"
              + s3Location
              + "' is not an S3 location Redshift COPY can read"
              + " (s3://bucket/prefix, no quotes or control characters)");
    }
    if (mode == LoadMode.UPSERT && (keys == null || keys.isEmpty())) {
      throw new InvalidLoadRequestException("mode upsert needs key columns");
    }
    if (mode == LoadMode.CREATE && targetExists) {
      throw new InvalidLoadRequestException(
          "table " + table + " already exists; use replace, append or upsert");
    }
    boolean merge = targetExists && (mode == LoadMode.APPEND || mode == LoadMode.UPSERT);
    String suffix =
        UUID.nameUUIDFromBytes(loadId.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString()
            .substring(0, 8);
    List<String> sql = new ArrayList<>();
    sql.add("BEGIN");
    String stage;
    if (merge) {
      // A temporary table: session-private, dropped even if the script stops half-way.
      stage = Identifiers.quote("sluice_stage_" + suffix);
      sql.add("CREATE TEMP TABLE " + stage + " (LIKE " + table.quoted() + ")");
    } else {
      TableName stageName = table.sibling("_sluice_stage_" + suffix + "_" + table.table());
      stage = stageName.quoted();
      List<String> ddl = new ArrayList<>();
      for (ColumnDefinition c : columns) {
        ddl.add(c.ddl());
      }
      sql.add("CREATE TABLE " + stage + " (" + String.join(", ", ddl) + ")");
    }
    boolean nested =
        columns.stream()
            .anyMatch(
                c ->
                    c.encoding() != ColumnDefinition.Encoding.SCALAR
                        || c.sqlType().equals("SUPER"));
    sql.add(
        "COPY "
            + stage
            + " FROM "
            + literal(s3Location)
            + " IAM_ROLE "
            + literal(iamRole)
            + " FORMAT AS PARQUET"
            + (nested ? " SERIALIZETOJSON" : "")
            + (region == null ? "" : " REGION " + literal(region)));
    String forget =
        "DELETE FROM "
            + HISTORY
            + " WHERE table_name = "
            + literal(table.toString())
            + " AND load_id = "
            + literal(loadId);
    if (merge) {
      if (mode == LoadMode.UPSERT) {
        List<String> match = new ArrayList<>();
        for (String k : keys) {
          match.add(
              table.quoted()
                  + "."
                  + Identifiers.quote(k)
                  + " = "
                  + stage
                  + "."
                  + Identifiers.quote(k));
        }
        sql.add(
            "DELETE FROM "
                + table.quoted()
                + " USING "
                + stage
                + " WHERE "
                + String.join(" AND ", match));
      }
      sql.add("INSERT INTO " + table.quoted() + " SELECT * FROM " + stage);
      sql.add(forget);
      sql.add(historyRow(table, loadId, mode, stage));
      sql.add("DROP TABLE " + stage);
    } else {
      sql.add("DROP TABLE IF EXISTS " + table.quoted());
      sql.add("ALTER TABLE " + stage + " RENAME TO " + Identifiers.quote(table.table()));
      // A replaced table's earlier appends went with it.
      sql.add("DELETE FROM " + HISTORY + " WHERE table_name = " + literal(table.toString()));
      sql.add(historyRow(table, loadId, mode, table.quoted()));
    }
    sql.add("END");
    return sql;
  }

  private static String historyRow(
      TableName table, String loadId, LoadMode mode, String countedTable) {
    return "INSERT INTO "
        + HISTORY
        + " (table_name, load_id, mode, rows_loaded, rows_rejected, loaded_at) SELECT "
        + literal(table.toString())
        + ", "
        + literal(loadId)
        + ", "
        + literal(mode.label())
        + ", count(*), 0, GETDATE() FROM "
        + countedTable;
  }

  /** The query that says whether a load id was applied to a table (one row if it was). */
  public String historyCheck(TableName table, String loadId) {
    return "SELECT 1 FROM "
        + HISTORY
        + " WHERE table_name = "
        + literal(table.toString())
        + " AND load_id = "
        + literal(loadId);
  }

  /** The whole script, statements separated by semicolons and newlines. */
  public static String script(List<String> statements) {
    return String.join(";\n", statements) + ";\n";
  }

  /**
   * A string literal: single quotes doubled, and no backslash or control characters (Redshift reads
   * {@code \\} as escape).
   */
  static String literal(String value) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch < 0x20 || ch == '\\') {
        throw new InvalidLoadRequestException(
            "value '" + value + "' contains a control character or backslash");
      }
    }
    return "'" + value.replace("'", "''") + "'";
  }

  @Override
  public String toString() {
    return "RedshiftDialect{role="
        + iamRole
        + ", region="
        + (region == null ? "cluster's" : region.toLowerCase(Locale.ROOT))
        + "}";
  }
}
