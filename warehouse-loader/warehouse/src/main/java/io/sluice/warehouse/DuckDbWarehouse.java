package io.sluice.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded DuckDB warehouse, one file (by default {@value #DEFAULT_FILE} under the working
 * directory). DuckDB reads the input itself ({@code read_parquet}, {@code read_csv}), with no
 * row-by-row copying through Java. Everything happens in one transaction: a new or replaced table
 * is written directly (invisible to others until commit, so it is its own staging copy); a merge
 * into an existing table reads the input into a temporary staging table first. CSV rows DuckDB
 * cannot parse are rejected ({@code store_rejects}) and written to the quarantine file with line
 * and reason.
 *
 * <p>This DuckDB has no httpfs extension (it cannot be downloaded here), so input on s3:// or
 * hdfs:// is first copied to a local temporary directory through the Hadoop FileSystem API.
 */
public final class DuckDbWarehouse extends JdbcWarehouse {

  public static final String DEFAULT_FILE = ".sluice/warehouse.duckdb";
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbWarehouse.class);

  private final Path file;

  public DuckDbWarehouse(Path file) {
    super("main");
    this.file = file.toAbsolutePath().normalize();
  }

  public Path file() {
    return file;
  }

  @Override
  public String kind() {
    return "duckdb";
  }

  @Override
  protected Connection connect() throws SQLException {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw new WarehouseException(
          "duckdb: cannot create the directory of " + file + ": " + e.getMessage(), e);
    }
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("org.duckdb:duckdb_jdbc is not on the classpath", e);
    }
    return DriverManager.getConnection("jdbc:duckdb:" + file);
  }

  @Override
  public LoadResult load(LoadRequest r) {
    long start = System.nanoTime();
    Path localCopy = null;
    try {
      List<Path> files;
      if (r.input().isLocal()) {
        files = r.input().localPaths();
      } else {
        localCopy = Files.createTempDirectory("sluice-duckdb-input-");
        LOG.info(
            "duckdb here has no httpfs: copying {} ({} files) to {} first",
            r.input().location().original(),
            r.input().files().size(),
            localCopy);
        files = copyToLocal(r.input(), localCopy);
      }
      try (Connection c = connect()) {
        LoadHistory.ensureExists(c);
        c.setAutoCommit(false);
        try {
          LoadResult result =
              loadIntoTable(
                  c,
                  r,
                  start,
                  (exists, intoExisting) -> loadInTransaction(c, r, files, start, intoExisting));
          c.commit();
          return result;
        } catch (SQLException | IOException | RuntimeException e) {
          try {
            c.rollback();
          } catch (SQLException rollback) {
            e.addSuppressed(rollback);
          }
          throw e;
        }
      }
    } catch (WarehouseException e) {
      throw e;
    } catch (SQLException | IOException | RuntimeException e) {
      throw new WarehouseException(
          "duckdb: load of "
              + r.input().location().original()
              + " into "
              + r.table()
              + " failed, nothing was changed: "
              + firstLine(e.getMessage()),
          e);
    } finally {
      if (localCopy != null) {
        deleteRecursively(localCopy);
      }
    }
  }

  private LoadResult loadInTransaction(
      Connection c, LoadRequest r, List<Path> files, long start, boolean intoExisting)
      throws SQLException, IOException {
    TableName table = r.table();
    LoadMode mode = r.mode();
    String stage =
        Identifiers.quote("_sluice_stage_" + UUID.randomUUID().toString().substring(0, 8));
    boolean csv = r.input().format() == InputFormat.CSV;
    String source =
        csv
            ? "read_csv("
                + pathList(files)
                + ", header = true, auto_detect = true, store_rejects = true"
                + (intoExisting ? csvTypes(c, files, table) : "")
                + ")"
            : "read_parquet(" + pathList(files) + ")";
    // Into an existing table: a temporary staging table, checked, then merged. A new or replaced
    // table is written directly: inside this transaction it is invisible to everyone else until
    // commit (DuckDB DDL is transactional), so it is its own staging copy, without a second write.
    String relation;
    if (intoExisting) {
      execute(c, "CREATE TEMP TABLE " + stage + " AS SELECT * FROM " + source);
      relation = stage;
    } else {
      if (table.schema().isPresent()) {
        execute(c, "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(table.schema().get()));
      }
      execute(c, "CREATE OR REPLACE TABLE " + table.quoted() + " AS SELECT * FROM " + source);
      relation = table.quoted();
    }
    long loaded = count(c, "SELECT count(*) FROM " + relation);
    long rejected = 0;
    QuarantineFile quarantine = new QuarantineFile(r.quarantine());
    if (csv) {
      rejected = quarantineCsvRejects(c, quarantine);
    }
    r.progress().update(loaded + rejected, r.input().bytes());
    List<String> columns = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + relation + " LIMIT 0")) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        columns.add(rs.getMetaData().getColumnName(i));
      }
    }
    columns.forEach(Identifiers::checkColumn);
    if (mode == LoadMode.UPSERT) {
      checkKeys(r.keyColumns(), columns, table);
      checkUpsertKeys(c, relation, r.keyColumns(), table);
    }
    if (intoExisting) {
      checkColumnsOf(table, columns, tableColumns(c, table).stream().map(col -> col[0]).toList());
      if (mode == LoadMode.UPSERT) {
        execute(
            c,
            "DELETE FROM "
                + table.quoted()
                + " USING "
                + stage
                + " s WHERE "
                + keyMatch(r.keyColumns(), table.quoted(), "s"));
      }
      mergeStage(c, stage, table, columns);
    } else {
      // A replaced table's earlier appends went with it.
      LoadHistory.forget(c, table);
    }
    LoadHistory.record(c, table, r.loadId(), mode, loaded, rejected);
    quarantine.close();
    return new LoadResult(
        kind(),
        table,
        mode,
        r.loadId(),
        loaded + rejected,
        loaded,
        rejected,
        r.input().bytes(),
        elapsed(start),
        false,
        rejected > 0 ? quarantine.path() : null);
  }

  /**
   * Loading CSV into an existing table: its column types, so a value that does not fit is a
   * rejected row (quarantined) rather than a failed load.
   */
  private String csvTypes(Connection c, List<Path> files, TableName table) throws SQLException {
    List<String> header =
        SqlRows.list(
            c,
            "DESCRIBE SELECT * FROM read_csv("
                + pathList(files)
                + ", header = true, all_varchar = true)",
            rs -> rs.getString(1));
    List<String> entries = new ArrayList<>();
    for (String[] col : tableColumns(c, table)) {
      if (header.contains(col[0])) {
        entries.add(literal(col[0]) + ": " + literal(col[1].toUpperCase(java.util.Locale.ROOT)));
      }
    }
    return entries.isEmpty() ? "" : ", types = {" + String.join(", ", entries) + "}";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /**
   * DuckDB's reject tables (one row per error; a rejected line may have several): one line each.
   */
  private static long quarantineCsvRejects(Connection c, QuarantineFile quarantine)
      throws SQLException {
    long lines = 0;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT f.file_path, e.line, string_agg(e.error_type || ': ' || e.error_message, '; '),"
                    + " any_value(e.csv_line) FROM reject_errors e JOIN reject_scans f USING (scan_id, file_id)"
                    + " GROUP BY f.file_path, e.line ORDER BY f.file_path, e.line")) {
      while (rs.next()) {
        quarantine.reject(
            rs.getString(1),
            rs.getLong(2),
            firstLine(rs.getString(3)),
            String.valueOf(rs.getString(4)));
        lines++;
      }
    }
    return lines;
  }

  /** A DuckDB list of string literals, {@code ['a', 'b']}; quotes doubled. */
  static String pathList(List<Path> files) {
    List<String> quoted = new ArrayList<>();
    for (Path p : files) {
      quoted.add(literal(p.toAbsolutePath().toString()));
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  private static List<Path> copyToLocal(LoadInput input, Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    int i = 0;
    for (FileStatus f : input.files()) {
      Path local = dir.resolve(String.format("%05d-%s", i++, f.getPath().getName()));
      try (InputStream in = f.getPath().getFileSystem(input.conf()).open(f.getPath())) {
        Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
      }
      out.add(local);
    }
    return out;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete temporary copy {}: {}", dir, e.getMessage());
    }
  }
}
