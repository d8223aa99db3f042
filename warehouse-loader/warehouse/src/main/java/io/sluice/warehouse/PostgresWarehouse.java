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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.schema.MessageType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL over JDBC. A load streams the input into a staging table with
 * {@code COPY ... FROM STDIN} (PgJDBC's {@link CopyManager}), in chunks of about 1 MiB of whole
 * rows, never the whole input in memory; binary COPY when every column has a binary format
 * ({@link BinaryCopyRows}), else text. Then one transaction renames the staging table into
 * place (create, replace) or merges it (append: insert; upsert: delete matching keys, insert).
 *
 * <p>With one COPY stream ({@link PostgresTarget#copyStreams()} 1, or a small input) everything is
 * one transaction. With N streams the staging table is created and committed empty first, N
 * connections each COPY a share of the chunks into it (the client decodes once; the server parses
 * and inserts on N backends), then one transaction checks the target has not changed meanwhile
 * and swaps or merges. A failure anywhere, including a dropped connection, rolls that transaction
 * back and drops the staging table: the target and the load history stay as they were.
 */
public final class PostgresWarehouse extends JdbcWarehouse {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresWarehouse.class);
  private static final int COPY_BUFFER_BYTES = 1 << 20;
  /** Below this input size one stream in one transaction: more connections would not pay. */
  static final long PARALLEL_MIN_INPUT_BYTES = 1L << 20;
  /** Rows decoded per column at a time on the binary path: small enough to stay in the CPU caches. */
  private static final int BATCH_ROWS = 4096;

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
    // The Parquet footers are read on another thread while this one connects and looks at the
    // target: in a fresh JVM both take class loading and set-up (parquet-mr, PgJDBC) that need
    // not wait for each other. (Reading the first row group ahead on that thread too was
    // measured and did not pay: it competes for the same 2 cores with the connection set-up.)
    FutureTask<ParquetInput> footers = null;
    if (request.input().format() == InputFormat.PARQUET) {
      footers = new FutureTask<>(() -> new ParquetInput(request));
      Thread reader = new Thread(footers, "sluice-parquet-footers");
      reader.setDaemon(true);
      reader.start();
    }
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
      Load load = new Load(c, request, quarantine, start, footers);
      try {
        LoadResult result = load.run();
        c.commit();
        quarantine.close();
        return result;
      } catch (SQLException | IOException | RuntimeException e) {
        rollbackQuietly(c);
        load.dropCommittedStage(e);
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

  /** One load: its connection (in a transaction), the request, and the staging table once created. */
  private final class Load {
    private final Connection c;
    private final LoadRequest r;
    private final QuarantineFile quarantine;
    private final long start;
    /** The Parquet input being read on another thread, or null for CSV. */
    private final FutureTask<ParquetInput> footers;
    private TableName stage;
    /** Whether the staging table was committed (parallel streams), so a failure must drop it. */
    private boolean stageCommitted;

    Load(Connection c, LoadRequest r, QuarantineFile quarantine, long start, FutureTask<ParquetInput> footers) {
      this.c = c;
      this.footers = footers;
      this.r = r;
      this.quarantine = quarantine;
      this.start = start;
    }

    /** The Parquet input once its footers are read (on the thread started by {@link #load}). */
    private ParquetInput parquetInput() throws IOException {
      long waitStart = System.nanoTime();
      try {
        ParquetInput input = footers.get();
        LOG.debug("parquet footers of {} ready {} ms into the load (waited {} ms)", r.input().location().original(),
            (System.nanoTime() - start) / 1_000_000, (System.nanoTime() - waitStart) / 1_000_000);
        return input;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WarehouseException("postgresql: interrupted while reading the Parquet footers of " + r.input().location().original(), e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        } else if (cause instanceof IOException io) {
          throw io;
        } else if (cause instanceof Error err) {
          throw err;
        }
        throw new WarehouseException("postgresql: reading the Parquet footers of " + r.input().location().original() + " failed: "
            + cause, cause);
      }
    }

    private LoadResult skipped() {
      LOG.info("{} already holds load {} ({}): skipped", r.table(), r.loadId(), r.input().location().original());
      return new LoadResult(kind(), r.table(), r.mode(), r.loadId(), 0, 0, 0, 0, elapsed(start), true, null);
    }

    private boolean alreadyLoaded(boolean exists) throws SQLException {
      return (r.mode() == LoadMode.CREATE || r.mode() == LoadMode.APPEND) && exists && LoadHistory.contains(c, r.table(), r.loadId());
    }

    LoadResult run() throws SQLException, IOException {
      TableName table = r.table();
      LoadMode mode = r.mode();
      boolean exists = tableExists(c, table);
      if (alreadyLoaded(exists)) {
        return skipped();
      }
      if (mode == LoadMode.CREATE && exists) {
        throw new InvalidLoadRequestException("table " + table + " already exists in postgresql; use --mode replace, append or upsert");
      }
      boolean intoExisting = exists && (mode == LoadMode.APPEND || mode == LoadMode.UPSERT);
      if (!exists && table.schema().isPresent()) {
        execute(c, "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(table.schema().get()));
      }
      TableName stageName = table.sibling("_sluice_stage_" + UUID.randomUUID().toString().substring(0, 8) + "_" + table.table());

      List<String[]> existingColumns = intoExisting ? tableColumns(c, table) : null;
      StreamedInput source = footers != null ? parquetInput() : new CsvInput(r, existingColumns);
      List<String> columns = source.columnNames();
      if (intoExisting) {
        List<String> targetColumns = existingColumns.stream().map(col -> col[0]).toList();
        for (String col : columns) {
          if (!targetColumns.contains(col)) {
            throw new InvalidLoadRequestException("input column '" + col + "' is not a column of " + table
                + " (its columns: " + String.join(", ", targetColumns) + ")");
          }
        }
        execute(c, "CREATE TABLE " + stageName.quoted() + " (LIKE " + table.quoted() + " INCLUDING DEFAULTS)");
      } else {
        execute(c, "CREATE TABLE " + stageName.quoted() + " (" + String.join(", ", source.columnDdl()) + ")");
      }
      stage = stageName;
      if (mode == LoadMode.UPSERT) {
        checkKeys(r.keyColumns(), columns, table);
      }

      boolean binary = target.binaryCopy() && source.binaryCapable(existingColumns);
      int streams = r.input().bytes() >= PARALLEL_MIN_INPUT_BYTES ? target.copyStreams() : 1;
      String copySql = "COPY " + stage.quoted() + " (" + columnList(columns) + ") FROM STDIN" + (binary ? " (FORMAT binary)" : "");
      LOG.info("loading {} into {}: {} COPY stream{}, {} format; set-up {} ms{}", r.input().location().original(), table, streams,
          streams == 1 ? "" : "s", binary ? "binary" : "text", (System.nanoTime() - start) / 1_000_000,
          source instanceof ParquetInput p ? p.footerTime(start) : "");
      long read;
      long copied;
      if (streams == 1) {
        CopyStreams out = new CopyStreams(List.of(copyIn(c, copySql)), binary);
        read = stream(source, out);
        copied = out.rows();
      } else {
        // The staging table must be visible to the other connections: commit it (empty) first.
        c.commit();
        stageCommitted = true;
        List<Connection> connections = new ArrayList<>();
        try {
          List<CopyIn> copies = new ArrayList<>();
          for (int i = 0; i < streams; i++) {
            Connection sc = connect();
            connections.add(sc);
            copies.add(copyIn(sc, copySql));
          }
          CopyStreams out = new CopyStreams(copies, binary);
          read = stream(source, out);
          copied = out.rows();
        } finally {
          for (Connection sc : connections) {
            closeQuietly(sc);
          }
        }
        // The streams ran outside this transaction: the target may have changed meanwhile.
        if (tableExists(c, table) != exists) {
          throw new WarehouseException("postgresql: " + table + " was " + (exists ? "dropped" : "created")
              + " by someone else during the load of " + r.input().location().original() + ", nothing was changed");
        }
        if (alreadyLoaded(exists)) {
          execute(c, "DROP TABLE " + stage.quoted());
          return skipped();
        }
      }
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

    /** Streams the input through {@code out}; on failure stops every stream before rethrowing. */
    private long stream(StreamedInput source, CopyStreams out) throws SQLException, IOException {
      try {
        long read = source.stream(out, quarantine);
        out.finish();
        return read;
      } catch (SQLException | IOException | RuntimeException e) {
        out.abort(e);
        throw e;
      }
    }

    /** After a failed load whose staging table was committed: drops it, on a new connection if need be. */
    void dropCommittedStage(Exception failure) {
      if (!stageCommitted) {
        return;
      }
      String drop = "DROP TABLE IF EXISTS " + stage.quoted();
      try {
        if (c.isValid(5)) {
          c.setAutoCommit(true);
          execute(c, drop);
          return;
        }
      } catch (SQLException e) {
        LOG.debug("dropping {} on the load's connection failed: {}", stage, e.getMessage());
      }
      try (Connection fresh = connect()) {
        execute(fresh, drop);
      } catch (SQLException e) {
        failure.addSuppressed(e);
        LOG.warn("could not drop the staging table {} after the failed load: {} (drop it by hand)", stage, firstLine(e.getMessage()));
      }
    }
  }

  private static CopyIn copyIn(Connection c, String sql) throws SQLException {
    return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a COPY connection failed: {}", e.getMessage());
    }
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
   * Buffers COPY data and hands chunks of about 1 MiB of whole rows to one sender thread per COPY
   * stream, so encoding the next rows overlaps with the server taking the previous ones, and N
   * streams share the chunks (first free sender takes the next). Only a stream's sender touches
   * its connection while rows stream; {@link #finish} ends every COPY and {@link #rows} sums what
   * the server took.
   */
  static final class CopyStreams {
    /** A chunk of COPY data: the first {@code length} bytes of {@code bytes}. */
    private record Chunk(byte[] bytes, int length) { }

    private static final Chunk END = new Chunk(new byte[0], 0);
    private static final long POLL_MILLIS = 100;
    /** A chunk's array: a chunk is sent once it holds 1 MiB, so most rows fit in the rest without growing it. */
    private static final int CHUNK_ARRAY_BYTES = COPY_BUFFER_BYTES + (64 << 10);
    final CopyBuffer buffer = new CopyBuffer(CHUNK_ARRAY_BYTES);
    private final List<CopyIn> copies;
    private final boolean binary;
    private final ArrayBlockingQueue<Chunk> queue;
    /**
     * Chunk arrays the senders have written, filled again by the encoder: the load reuses the same
     * few MiB of heap instead of 1 MiB of new memory per chunk (in a fresh JVM, memory touched
     * for the first time costs page faults; warm, it is garbage to collect).
     */
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private final long[] copied;
    private volatile Throwable failure;
    private volatile boolean stopped;

    CopyStreams(List<CopyIn> copies, boolean binary) {
      this.copies = copies;
      this.binary = binary;
      this.copied = new long[copies.size()];
      this.queue = new ArrayBlockingQueue<>(2 * copies.size() + 2);
      for (int i = 0; i < copies.size(); i++) {
        int stream = i;
        Thread t = new Thread(() -> send(stream), "sluice-copy-sender-" + i);
        t.setDaemon(true);
        senders.add(t);
        t.start();
      }
    }

    private void send(int stream) {
      CopyIn copy = copies.get(stream);
      try {
        if (binary) {
          copy.writeToCopy(BinaryCopyRows.HEADER, 0, BinaryCopyRows.HEADER.length);
        }
        while (true) {
          Chunk chunk = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (stopped || failure != null) {
            return;
          } else if (chunk == END) {
            if (binary) {
              copy.writeToCopy(BinaryCopyRows.TRAILER, 0, BinaryCopyRows.TRAILER.length);
            }
            copied[stream] = copy.endCopy();
            return;
          } else if (chunk != null) {
            copy.writeToCopy(chunk.bytes(), 0, chunk.length());
            spare.offer(chunk.bytes());
          }
        }
      } catch (Throwable t) {
        synchronized (this) {
          if (failure == null) {
            failure = t;
          }
        }
      }
    }

    /** Whether the streams take binary COPY rows (else text). */
    boolean binary() {
      return binary;
    }

    void maybeFlush() throws SQLException {
      if (buffer.length() >= COPY_BUFFER_BYTES) {
        enqueue(takeChunk());
      }
    }

    /** The buffered rows as a chunk; the buffer continues in a spare array. */
    private Chunk takeChunk() {
      int length = buffer.length();
      byte[] next = spare.poll();
      return new Chunk(buffer.swap(next != null ? next : new byte[CHUNK_ARRAY_BYTES]), length);
    }

    private void enqueue(Chunk chunk) throws SQLException {
      try {
        while (!queue.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
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

    /** Sends what is buffered, ends every stream's COPY and waits for all of them. */
    void finish() throws SQLException {
      if (buffer.length() > 0) {
        enqueue(takeChunk());
      }
      for (int i = 0; i < copies.size(); i++) {
        enqueue(END);
      }
      join();
      check();
    }

    /** Rows the server took, over every stream (after {@link #finish}). */
    long rows() {
      long sum = 0;
      for (long n : copied) {
        sum += n;
      }
      return sum;
    }

    /** Stops the senders (after the chunk each is writing) and cancels every COPY still open. */
    void abort(Exception cause) {
      stopped = true;
      queue.clear();
      join();
      for (CopyIn copy : copies) {
        if (copy.isActive()) {
          try {
            copy.cancelCopy();
          } catch (SQLException cancel) {
            cause.addSuppressed(cancel);
          }
        }
      }
    }

    private void join() {
      for (Thread t : senders) {
        try {
          t.join(TimeUnit.MINUTES.toMillis(10));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** parquet-hadoop's reader of example {@link Group}s, on an {@link InputFile} (any Hadoop FileSystem). */
  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(InputFile file, ParquetReadOptions options) {
      super(file, options.getConfiguration());
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

    /**
     * Whether the rows can go as binary COPY: into a new table, or into {@code existingColumns}
     * (name, information_schema data_type) whose types are exactly the binary formats' types.
     */
    default boolean binaryCapable(List<String[]> existingColumns) {
      return false;
    }

    /** Streams every row, as binary rows when {@code out.binary()}; returns the rows read (loaded + rejected). */
    long stream(CopyStreams out, QuarantineFile quarantine) throws IOException, SQLException;
  }

  /** Parquet files, read row by row with parquet-hadoop through the Hadoop FileSystem. */
  private static final class ParquetInput implements StreamedInput {
    private final LoadRequest request;
    private final List<ColumnDefinition> columns;
    /** Each file's row count, from its footer. */
    private final List<Long> recordCounts = new ArrayList<>();
    /** When the footers were read (System.nanoTime), for the set-up log line. */
    private final long footersRead;

    ParquetInput(LoadRequest request) throws IOException {
      this.request = request;
      MessageType schema = null;
      for (FileStatus f : request.input().files()) {
        ParquetMetadata footer;
        try (ParquetFileReader reader = ParquetFileReader.open(request.input().parquetFile(f), request.input().parquetOptions(f))) {
          footer = reader.getFooter();
          recordCounts.add(reader.getRecordCount());
        } catch (RuntimeException | IOException e) {
          throw new InvalidLoadRequestException(f.getPath() + " is not a readable Parquet file: " + firstLine(e.getMessage()), e);
        }
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        if (schema == null) {
          schema = fileSchema;
        } else if (!schema.equals(fileSchema)) {
          throw new InvalidLoadRequestException(f.getPath() + " has a different schema from "
              + request.input().files().get(0).getPath().getName() + "; all files of one load must share a schema");
        }
      }
      this.columns = ParquetTypeMapping.columns(schema, SqlDialect.POSTGRESQL);
      this.footersRead = System.nanoTime();
    }

    /** When the footers were read, for the log. */
    String footerTime(long loadStart) {
      return " (Parquet footers read at " + (footersRead - loadStart) / 1_000_000 + " ms)";
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
    public boolean binaryCapable(List<String[]> existingColumns) {
      if (!BinaryCopyRows.supports(columns)) {
        return false;
      }
      if (existingColumns == null) {
        return true;
      }
      Map<String, String> existing = new HashMap<>();
      existingColumns.forEach(col -> existing.put(col[0], col[1]));
      return columns.stream().allMatch(col -> BinaryCopyRows.dataType(col.sqlType()).equals(existing.get(col.name())));
    }

    @Override
    public long stream(CopyStreams out, QuarantineFile quarantine) throws IOException, SQLException {
      ParquetCopyEncoder encoder = new ParquetCopyEncoder(columns);
      boolean direct = DirectCopyMaterializer.supports(columns);
      BinaryCopyRows binaryRows = out.binary() ? new BinaryCopyRows(columns) : null;
      long rows = 0;
      long bytesDone = 0;
      long interval = request.progressInterval();
      List<FileStatus> files = request.input().files();
      for (int fileIndex = 0; fileIndex < files.size(); fileIndex++) {
        FileStatus f = files.get(fileIndex);
        InputFile file = request.input().parquetFile(f);
        long expected = recordCounts.get(fileIndex);
        long inFile = 0;
        if (out.binary()) {
          // Flat scalar columns as binary COPY: each column decoded a batch of rows at a time into
          // arrays (FlatColumnDecoder), then the batch written row by row (BinaryCopyRows).
          try (ParquetFileReader reader = ParquetFileReader.open(file, request.input().parquetOptions(f))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<ColumnDescriptor> descriptors = schema.getColumns();
            FlatColumnDecoder[] decoders = new FlatColumnDecoder[descriptors.size()];
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
              for (int i = 0; i < decoders.length; i++) {
                decoders[i] = new FlatColumnDecoder(descriptors.get(i), rowGroup.getPageReader(descriptors.get(i)), createdBy, BATCH_ROWS);
              }
              for (long remaining = rowGroup.getRowCount(); remaining > 0; ) {
                int batch = (int) Math.min(BATCH_ROWS, remaining);
                for (FlatColumnDecoder d : decoders) {
                  d.decode(batch);
                }
                for (int row = 0; row < batch; row++) {
                  binaryRows.write(decoders, row, out.buffer);
                  out.maybeFlush();
                  inFile++;
                  if (++rows % interval == 0) {
                    request.progress().update(rows, bytesDone + (expected == 0 ? 0 : f.getLen() * inFile / expected));
                  }
                }
                remaining -= batch;
              }
            }
          }
        } else if (direct) {
          // Flat scalar columns as text: values go straight from the column readers into COPY rows. Flat
          // rows need no record assembly (repetition levels, nesting): per row, each column's
          // reader hands its value, if defined, to that column's converter, which formats it.
          DirectCopyMaterializer materializer = new DirectCopyMaterializer(columns, out.buffer);
          GroupConverter root = materializer.getRootConverter();
          try (ParquetFileReader reader = ParquetFileReader.open(file, request.input().parquetOptions(f))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<ColumnDescriptor> descriptors = schema.getColumns();
            ColumnReader[] readers = new ColumnReader[descriptors.size()];
            int[] defined = new int[descriptors.size()];
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
              ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, root, schema, createdBy);
              for (int i = 0; i < readers.length; i++) {
                readers[i] = store.getColumnReader(descriptors.get(i));
                defined[i] = descriptors.get(i).getMaxDefinitionLevel();
              }
              for (long n = rowGroup.getRowCount(); n > 0; n--) {
                root.start();
                for (int i = 0; i < readers.length; i++) {
                  ColumnReader column = readers[i];
                  if (column.getCurrentDefinitionLevel() == defined[i]) {
                    column.writeCurrentValueToConverter();
                  }
                  column.consume();
                }
                root.end();
                out.maybeFlush();
                inFile++;
                if (++rows % interval == 0) {
                  request.progress().update(rows, bytesDone + (expected == 0 ? 0 : f.getLen() * inFile / expected));
                }
              }
            }
          }
        } else {
          try (ParquetReader<Group> reader = new GroupReaderBuilder(file, request.input().parquetOptions(f)).build()) {
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
    public long stream(CopyStreams out, QuarantineFile quarantine) throws IOException, SQLException {
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
