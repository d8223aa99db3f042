package io.sluice.warehouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL over JDBC. A load streams the input into a staging table with
 * {@code COPY ... FROM STDIN} (PgJDBC's {@link CopyManager}), in buffers of about 1 MiB, never the
 * whole input in memory; then, in the same transaction, renames the staging table into place
 * (create, replace) or merges it (append: insert; upsert: delete matching keys, insert). PostgreSQL
 * DDL is transactional, so a failure anywhere, including a dropped connection, leaves the target
 * and the load history as they were.
 */
public final class PostgresWarehouse extends JdbcWarehouse {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresWarehouse.class);
  private static final int COPY_BUFFER_BYTES = 1 << 20;

  private final PostgresTarget target;

  public PostgresWarehouse(PostgresTarget target) {
    this.target = target;
  }

  @Override
  public String kind() {
    return "postgresql";
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
  }

  @Override
  protected String defaultSchema() {
    return "public";
  }

  @Override
  public void close() {
    // Connections are per operation; nothing is held between them.
  }

  @Override
  public LoadResult load(LoadRequest request) {
    long start = System.nanoTime();
    QuarantineFile quarantine = new QuarantineFile(request.quarantine());
    Connection c;
    try {
      c = connect();
    } catch (SQLException e) {
      throw new WarehouseException("postgresql: cannot connect to " + target.jdbcUrl() + ": " + firstLine(e.getMessage()), e);
    }
    try (c) {
      LoadHistory.ensureExists(c);
      c.setAutoCommit(false);
      try {
        LoadResult result = loadInTransaction(c, request, quarantine, start);
        c.commit();
        quarantine.close();
        return result;
      } catch (SQLException | IOException | RuntimeException e) {
        rollbackQuietly(c);
        quarantine.discard();
        throw translate(e, request);
      }
    } catch (SQLException e) {
      throw new WarehouseException("postgresql: load into " + request.table() + " failed: " + firstLine(e.getMessage()), e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        c.rollback();
      }
    } catch (SQLException e) {
      // The connection is gone: the server rolls the transaction back itself.
      LOG.debug("rollback failed: {}", e.getMessage());
    }
  }

  private static WarehouseException translate(Exception e, LoadRequest r) {
    if (e instanceof WarehouseException w) {
      return w;
    }
    String what = e instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")
        ? "lost the connection" : "failed";
    return new WarehouseException("postgresql: load of " + r.input().location().original() + " into " + r.table() + " "
        + what + ", nothing was changed: " + firstLine(e.getMessage()), e);
  }

  private LoadResult loadInTransaction(Connection c, LoadRequest r, QuarantineFile quarantine, long start)
      throws SQLException, IOException {
    TableName table = r.table();
    LoadMode mode = r.mode();
    boolean exists = tableExists(c, table);
    if ((mode == LoadMode.CREATE || mode == LoadMode.APPEND) && exists && LoadHistory.contains(c, table, r.loadId())) {
      LOG.info("{} already holds load {} ({}): skipped", table, r.loadId(), r.input().location().original());
      return new LoadResult(kind(), table, mode, r.loadId(), 0, 0, 0, 0, elapsed(start), true, null);
    }
    if (mode == LoadMode.CREATE && exists) {
      throw new InvalidLoadRequestException("table " + table + " already exists in postgresql; use --mode replace, append or upsert");
    }
    boolean intoExisting = exists && (mode == LoadMode.APPEND || mode == LoadMode.UPSERT);
    if (!exists && table.schema().isPresent()) {
      execute(c, "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(table.schema().get()));
    }
    TableName stage = table.sibling("_sluice_stage_" + UUID.randomUUID().toString().substring(0, 8) + "_" + table.table());

    StreamedInput source = r.input().format() == InputFormat.PARQUET
        ? new ParquetInput(r) : new CsvInput(r, intoExisting ? tableColumns(c, table) : null);
    List<String> columns = source.columnNames();
    if (intoExisting) {
      List<String> targetColumns = tableColumns(c, table).stream().map(col -> col[0]).toList();
      for (String col : columns) {
        if (!targetColumns.contains(col)) {
          throw new InvalidLoadRequestException("input column '" + col + "' is not a column of " + table
              + " (its columns: " + String.join(", ", targetColumns) + ")");
        }
      }
      execute(c, "CREATE TABLE " + stage.quoted() + " (LIKE " + table.quoted() + " INCLUDING DEFAULTS)");
    } else {
      execute(c, "CREATE TABLE " + stage.quoted() + " (" + String.join(", ", source.columnDdl()) + ")");
    }
    if (mode == LoadMode.UPSERT) {
      checkKeys(r.keyColumns(), columns, table);
    }

    CopyManager copyApi = c.unwrap(PGConnection.class).getCopyAPI();
    CopyIn copy = copyApi.copyIn("COPY " + stage.quoted() + " (" + columnList(columns) + ") FROM STDIN");
    CopyStream out = new CopyStream(copy);
    long read;
    try {
      read = source.stream(out, quarantine);
      out.finish();
    } catch (SQLException | IOException | RuntimeException e) {
      out.abort();
      if (copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException cancel) {
          e.addSuppressed(cancel);
        }
      }
      throw e;
    }
    long copied = copy.endCopy();
    long rejected = quarantine.rows();
    if (copied != read - rejected) {
      throw new WarehouseException("postgresql: COPY into " + stage + " took " + copied + " rows, " + (read - rejected) + " were sent");
    }

    if (mode == LoadMode.UPSERT) {
      checkUpsertKeys(c, stage, r.keyColumns(), table);
    }
    if (intoExisting && mode == LoadMode.UPSERT) {
      execute(c, "DELETE FROM " + table.quoted() + " t USING " + stage.quoted() + " s WHERE " + keyMatch(r.keyColumns(), "t", "s"));
    }
    if (intoExisting) {
      execute(c, "INSERT INTO " + table.quoted() + " (" + columnList(columns) + ") SELECT " + columnList(columns)
          + " FROM " + stage.quoted());
      execute(c, "DROP TABLE " + stage.quoted());
    } else {
      execute(c, "DROP TABLE IF EXISTS " + table.quoted());
      execute(c, "ALTER TABLE " + stage.quoted() + " RENAME TO " + Identifiers.quote(table.table()));
      // A replaced table's earlier appends went with it.
      LoadHistory.forget(c, table);
    }
    LoadHistory.record(c, table, r.loadId(), mode, copied, rejected);
    return new LoadResult(kind(), table, mode, r.loadId(), read, copied, rejected, r.input().bytes(), elapsed(start),
        false, rejected > 0 ? quarantine.path() : null);
  }

  /** Upsert keys must be unique and non-null in the input, or the merge would duplicate or drop rows. */
  static void checkUpsertKeys(Connection c, TableName stage, List<String> keys, TableName table) throws SQLException {
    List<String> nullChecks = new ArrayList<>();
    for (String k : keys) {
      nullChecks.add(Identifiers.quote(k) + " IS NULL");
    }
    long nulls = count(c, "SELECT count(*) FROM " + stage.quoted() + " WHERE " + String.join(" OR ", nullChecks));
    if (nulls > 0) {
      throw new InvalidLoadRequestException("upsert into " + table + ": " + nulls + " input rows have a NULL key ("
          + String.join(", ", keys) + ")");
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + columnList(keys) + ", count(*) FROM " + stage.quoted()
            + " GROUP BY " + columnList(keys) + " HAVING count(*) > 1 LIMIT 1")) {
      if (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= keys.size(); i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        throw new InvalidLoadRequestException("upsert into " + table + ": key (" + String.join(", ", keys) + ") = ("
            + String.join(", ", values) + ") occurs " + rs.getLong(keys.size() + 1) + " times in the input; keys must be unique");
      }
    }
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Buffers COPY text and hands chunks of about 1 MiB to a sender thread, so encoding the next
   * rows overlaps with the server taking the previous ones. Only the sender touches the
   * connection while rows stream; {@link #finish} waits for it before COPY is ended.
   */
  static final class CopyStream {
    private static final byte[] END = new byte[0];
    private final CopyIn copy;
    final CopyBuffer buffer = new CopyBuffer(COPY_BUFFER_BYTES + (64 << 10));
    private final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(4);
    private final Thread sender;
    private volatile Throwable failure;

    CopyStream(CopyIn copy) {
      this.copy = copy;
      this.sender = new Thread(this::send, "sluice-copy-sender");
      sender.setDaemon(true);
      sender.start();
    }

    private void send() {
      try {
        while (true) {
          byte[] chunk = queue.take();
          if (chunk == END) {
            return;
          }
          copy.writeToCopy(chunk, 0, chunk.length);
        }
      } catch (Throwable t) {
        failure = t;
        queue.clear();
      }
    }

    void maybeFlush() throws SQLException {
      if (buffer.length() >= COPY_BUFFER_BYTES) {
        enqueue(buffer.drain());
      }
    }

    private void enqueue(byte[] chunk) throws SQLException {
      try {
        while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
          check();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while streaming COPY data", e);
      }
      check();
    }

    private void check() throws SQLException {
      Throwable f = failure;
      if (f instanceof SQLException s) {
        throw s;
      } else if (f != null) {
        throw new SQLException("sending COPY data failed: " + f.getMessage(), f);
      }
    }

    /** Sends what is buffered and waits until the sender has written everything. */
    void finish() throws SQLException {
      if (buffer.length() > 0) {
        enqueue(buffer.drain());
      }
      enqueue(END);
      join();
      check();
    }

    /** Stops the sender (after the chunk it is writing), so the caller may cancel the COPY. */
    void abort() {
      queue.clear();
      queue.offer(END);
      join();
    }

    private void join() {
      try {
        sender.join(TimeUnit.MINUTES.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** parquet-hadoop's reader of example {@link Group}s, on an {@link InputFile} (any Hadoop FileSystem). */
  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(InputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }

  /** An input streamed as COPY text. */
  private interface StreamedInput {
    List<String> columnNames();

    /** {@code "name" type} for a new table. */
    List<String> columnDdl();

    /** Streams every row; returns the rows read (loaded + rejected). */
    long stream(CopyStream out, QuarantineFile quarantine) throws IOException, SQLException;
  }

  /** Parquet files, read row by row with parquet-hadoop through the Hadoop FileSystem. */
  private static final class ParquetInput implements StreamedInput {
    private final LoadRequest request;
    private final List<ColumnDefinition> columns;

    ParquetInput(LoadRequest request) throws IOException {
      this.request = request;
      MessageType schema = null;
      for (FileStatus f : request.input().files()) {
        MessageType fileSchema;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(f, request.input().conf()))) {
          fileSchema = reader.getFooter().getFileMetaData().getSchema();
        } catch (RuntimeException | IOException e) {
          throw new InvalidLoadRequestException(f.getPath() + " is not a readable Parquet file: " + firstLine(e.getMessage()), e);
        }
        if (schema == null) {
          schema = fileSchema;
        } else if (!schema.equals(fileSchema)) {
          throw new InvalidLoadRequestException(f.getPath() + " has a different schema from "
              + request.input().files().get(0).getPath().getName() + "; all files of one load must share a schema");
        }
      }
      this.columns = ParquetTypeMapping.columns(schema, SqlDialect.POSTGRESQL);
    }

    @Override
    public List<String> columnNames() {
      return columns.stream().map(ColumnDefinition::name).toList();
    }

    @Override
    public List<String> columnDdl() {
      return columns.stream().map(ColumnDefinition::ddl).toList();
    }

    @Override
    public long stream(CopyStream out, QuarantineFile quarantine) throws IOException, SQLException {
      ParquetCopyEncoder encoder = new ParquetCopyEncoder(columns);
      boolean direct = DirectCopyMaterializer.supports(columns);
      long rows = 0;
      long bytesDone = 0;
      long interval = request.progressInterval();
      for (FileStatus f : request.input().files()) {
        HadoopInputFile file = HadoopInputFile.fromStatus(f, request.input().conf());
        long expected;
        try (ParquetFileReader footer = ParquetFileReader.open(file)) {
          expected = footer.getRecordCount();
        }
        long inFile = 0;
        if (direct) {
          // Flat scalar columns: values go straight from the column readers into COPY text.
          DirectCopyMaterializer materializer = new DirectCopyMaterializer(columns, out.buffer);
          try (ParquetReader<Boolean> reader = DirectCopyMaterializer.reader(file, request.input().conf(), materializer)) {
            while (reader.read() != null) {
              out.maybeFlush();
              inFile++;
              if (++rows % interval == 0) {
                request.progress().update(rows, bytesDone + (expected == 0 ? 0 : f.getLen() * inFile / expected));
              }
            }
          }
        } else {
          try (ParquetReader<Group> reader = new GroupReaderBuilder(file).withConf(request.input().conf()).build()) {
            Group row;
            while ((row = reader.read()) != null) {
              encoder.encode(row, out.buffer);
              out.maybeFlush();
              inFile++;
              if (++rows % interval == 0) {
                request.progress().update(rows, bytesDone + (expected == 0 ? 0 : f.getLen() * inFile / expected));
              }
            }
          }
        }
        if (inFile != expected) {
          throw new WarehouseException(f.getPath() + ": read " + inFile + " rows, its footer says " + expected);
        }
        bytesDone += f.getLen();
      }
      request.progress().update(rows, bytesDone);
      return rows;
    }
  }

  /**
   * CSV files with a header row. Column types: the existing table's when loading into one, else
   * inferred from the first rows. Rows with the wrong number of fields or a value that does not
   * fit its column's type are written to the quarantine file, with their line and the reason.
   */
  private static final class CsvInput implements StreamedInput {
    private final LoadRequest request;
    private final List<String> header;
    private final CsvColumnType[] types;

    CsvInput(LoadRequest request, List<String[]> existingColumns) throws IOException {
      this.request = request;
      FileStatus first = request.input().files().get(0);
      List<List<String>> sample = new ArrayList<>();
      try (BufferedReader reader = open(first)) {
        CsvRecordReader csv = new CsvRecordReader(reader);
        CsvRecordReader.CsvRecord head = csv.read();
        if (head == null || head.error() != null) {
          throw new InvalidLoadRequestException(first.getPath() + ": no header row" + (head == null ? "" : " (" + head.error() + ")"));
        }
        header = head.fields().stream().map(String::trim).toList();
        CsvRecordReader.CsvRecord rec;
        while (existingColumns == null && sample.size() < CsvColumnType.inferSample() && (rec = csv.read()) != null) {
          if (rec.error() == null && rec.fields().size() == header.size()) {
            sample.add(rec.fields());
          }
        }
      }
      for (String h : header) {
        Identifiers.checkColumn(h);
      }
      if (header.stream().distinct().count() != header.size()) {
        throw new InvalidLoadRequestException(first.getPath() + ": the header row repeats a column name: " + header);
      }
      types = new CsvColumnType[header.size()];
      Map<String, String> existing = new HashMap<>();
      if (existingColumns != null) {
        existingColumns.forEach(col -> existing.put(col[0], col[1]));
      }
      for (int i = 0; i < types.length; i++) {
        if (existingColumns != null) {
          String type = existing.get(header.get(i));
          types[i] = type == null ? CsvColumnType.OTHER : CsvColumnType.ofSqlType(type);
        } else {
          int col = i;
          types[i] = CsvColumnType.infer(sample.stream().map(row -> row.get(col)).toList());
        }
      }
    }

    private BufferedReader open(FileStatus f) throws IOException {
      InputStream in = f.getPath().getFileSystem(request.input().conf()).open(f.getPath());
      if (f.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public List<String> columnNames() {
      return header;
    }

    @Override
    public List<String> columnDdl() {
      List<String> ddl = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        ddl.add(Identifiers.quote(header.get(i)) + " " + types[i].sql());
      }
      return ddl;
    }

    @Override
    public long stream(CopyStream out, QuarantineFile quarantine) throws IOException, SQLException {
      long rows = 0;
      long bytes = 0;
      long interval = request.progressInterval();
      for (FileStatus f : request.input().files()) {
        String fileName = f.getPath().toString();
        try (BufferedReader reader = open(f)) {
          CsvRecordReader csv = new CsvRecordReader(reader);
          CsvRecordReader.CsvRecord head = csv.read();
          if (head == null || !head.fields().stream().map(String::trim).toList().equals(header)) {
            throw new InvalidLoadRequestException(fileName + ": header " + (head == null ? "missing" : head.fields())
                + " differs from " + header + " in " + request.input().files().get(0).getPath().getName());
          }
          CsvRecordReader.CsvRecord rec;
          while ((rec = csv.read()) != null) {
            if (rec.raw().isEmpty() && rec.fields().size() == 1) {
              continue; // blank line
            }
            rows++;
            bytes += rec.raw().length() + 1;
            String problem = rec.error() != null ? rec.error() : check(rec.fields());
            if (problem != null) {
              quarantine.reject(fileName, rec.line(), problem, rec.raw());
            } else {
              append(rec.fields(), out.buffer);
              out.maybeFlush();
            }
            if (rows % interval == 0) {
              request.progress().update(rows, bytes);
            }
          }
        }
      }
      request.progress().update(rows, bytes);
      return rows;
    }

    private String check(List<String> fields) {
      if (fields.size() != header.size()) {
        return "has " + fields.size() + " fields, the header has " + header.size();
      }
      for (int i = 0; i < fields.size(); i++) {
        String v = fields.get(i);
        if (!v.isEmpty()) {
          String problem = types[i].check(v);
          if (problem != null) {
            return "column '" + header.get(i) + "': " + problem;
          }
        }
      }
      return null;
    }

    private void append(List<String> fields, CopyBuffer out) {
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.put('\t');
        }
        String v = fields.get(i);
        if (v.isEmpty()) {
          out.putAscii(CopyText.NULL);
        } else {
          out.putEscaped(types[i] == CsvColumnType.TEXT || types[i] == CsvColumnType.OTHER ? v : v.trim());
        }
      }
      out.put('\n');
    }
  }
}
