package io.sluice.warehouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL over JDBC. A load streams the input into a staging table with {@code COPY ... FROM
 * STDIN} (PgJDBC's {@link CopyManager}), in chunks of about 1 MiB of whole rows, never the whole
 * input in memory; binary COPY when every column has a binary format ({@link BinaryCopyRows}), else
 * text. Then one transaction renames the staging table into place (create, replace) or merges it
 * (append: insert; upsert: delete matching keys, insert).
 *
 * <p>With one COPY stream ({@link PostgresTarget#copyStreams()} 1, or a small input) everything is
 * one transaction. With N streams the staging table is created and committed empty first, N
 * connections each COPY a share of the chunks into it (the client decodes once; the server parses
 * and inserts on N backends), then one transaction checks the target has not changed meanwhile and
 * swaps or merges. A failure anywhere, including a dropped connection, rolls that transaction back
 * and drops the staging table: the target and the load history stay as they were. A load holds an
 * advisory lock on its table throughout, so loads into one table serialize, and removes the stage
 * tables killed loads of that table left ({@link PostgresStageTables}).
 *
 * <p>This class orchestrates; the rows come from a {@link CopyInput} ({@link CsvCopyInput}, {@link
 * ParquetCopyInput}) and go out through {@link CopyStreams}.
 */
public final class PostgresWarehouse extends JdbcWarehouse {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresWarehouse.class);

  /** Below this input size one stream in one transaction: more connections would not pay. */
  static final long PARALLEL_MIN_INPUT_BYTES = 1L << 20;

  private final PostgresTarget target;

  public PostgresWarehouse(PostgresTarget target) {
    super("public");
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
  public LoadResult load(LoadRequest request) {
    long start = System.nanoTime();
    // The Parquet footers are read on another thread while this one connects and looks at the
    // target: in a fresh JVM both take class loading and set-up (parquet-mr, PgJDBC) that need
    // not wait for each other. (Reading the first row group ahead on that thread too was
    // measured and did not pay: it competes for the same 2 cores with the connection set-up.)
    FutureTask<ParquetCopyInput> footers = null;
    if (request.input().format() == InputFormat.PARQUET) {
      footers = new FutureTask<>(() -> new ParquetCopyInput(request));
      Thread reader = new Thread(footers, "sluice-parquet-footers");
      reader.setDaemon(true);
      reader.start();
    }
    QuarantineFile quarantine = new QuarantineFile(request.quarantine());
    Connection c = session();
    try (c) {
      // Held until the connection closes: two loads into one table run one after the other, and a
      // stage table of this table found now belongs to a load that is over.
      PostgresStageTables.lock(c, request.table(), LOG);
      PostgresStageTables.dropAbandoned(c, request.table(), LOG);
      PostgresStageTables.createLoadHistory(c);
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
      throw new WarehouseException(
          "postgresql: load into " + request.table() + " failed: " + firstLine(e.getMessage()), e);
    }
  }

  /** A connection, or the one-line failure naming the server (never its password). */
  private Connection session() {
    try {
      return connect();
    } catch (SQLException e) {
      throw failure(
          "postgresql: cannot connect to " + target.displayUrl() + ": " + firstLine(e.getMessage()),
          e);
    }
  }

  @Override
  public StageTables stageTables() {
    Connection c = session();
    try {
      return PostgresStageTables.scan(c, "postgresql");
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw new WarehouseException(
          "postgresql: cannot list the stage tables: " + firstLine(e.getMessage()), e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        c.rollback();
      }
    } catch (SQLException e) {
      // The connection is gone: the server rolls the transaction back itself.
      LOG.debug("rollback failed: {}", Redaction.redact(e.getMessage()));
    }
  }

  private static WarehouseException translate(Exception e, LoadRequest r) {
    if (e instanceof WarehouseException w) {
      return w;
    }
    String what =
        e instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")
            ? "lost the connection"
            : "failed";
    return new WarehouseException(
        "postgresql: load of "
            + r.input().location().original()
            + " into "
            + r.table()
            + " "
            + what
            + ", nothing was changed: "
            + firstLine(e.getMessage()),
        e);
  }

  /**
   * One load: its connection (in a transaction), the request, and the staging table once created.
   */
  private final class Load {
    private final Connection c;
    private final LoadRequest r;
    private final QuarantineFile quarantine;
    private final long start;

    /** The Parquet input being read on another thread, or null for CSV. */
    private final FutureTask<ParquetCopyInput> footers;

    private TableName stage;

    /** Whether the staging table was committed (parallel streams), so a failure must drop it. */
    private boolean stageCommitted;

    Load(
        Connection c,
        LoadRequest r,
        QuarantineFile quarantine,
        long start,
        FutureTask<ParquetCopyInput> footers) {
      this.c = c;
      this.footers = footers;
      this.r = r;
      this.quarantine = quarantine;
      this.start = start;
    }

    /** The Parquet input once its footers are read (on the thread started by {@link #load}). */
    private ParquetCopyInput parquetInput() throws IOException {
      long waitStart = System.nanoTime();
      try {
        ParquetCopyInput input = footers.get();
        LOG.debug(
            "parquet footers of {} ready {} ms into the load (waited {} ms)",
            r.input().location().original(),
            (System.nanoTime() - start) / 1_000_000,
            (System.nanoTime() - waitStart) / 1_000_000);
        return input;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WarehouseException(
            "postgresql: interrupted while reading the Parquet footers of "
                + r.input().location().original(),
            e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        } else if (cause instanceof IOException io) {
          throw io;
        } else if (cause instanceof Error err) {
          throw err;
        }
        throw new WarehouseException(
            "postgresql: reading the Parquet footers of "
                + r.input().location().original()
                + " failed: "
                + cause,
            cause);
      }
    }

    LoadResult run() throws SQLException, IOException {
      return loadIntoTable(c, r, start, this::copy);
    }

    private LoadResult copy(boolean exists, boolean intoExisting) throws SQLException, IOException {
      TableName table = r.table();
      LoadMode mode = r.mode();
      if (!exists && table.schema().isPresent()) {
        PostgresStageTables.createSchema(c, table.schema().get());
      }
      TableName stageName =
          table.sibling(
              "_sluice_stage_"
                  + UUID.randomUUID().toString().substring(0, 8)
                  + "_"
                  + table.table());

      List<String[]> existingColumns = intoExisting ? tableColumns(c, table) : null;
      CopyInput source = footers != null ? parquetInput() : new CsvCopyInput(r, existingColumns);
      List<String> columns = source.columnNames();
      if (intoExisting) {
        checkColumnsOf(table, columns, existingColumns.stream().map(col -> col[0]).toList());
        execute(
            c,
            "CREATE TABLE "
                + stageName.quoted()
                + " (LIKE "
                + table.quoted()
                + " INCLUDING DEFAULTS)");
      } else {
        execute(
            c,
            "CREATE TABLE "
                + stageName.quoted()
                + " ("
                + String.join(", ", source.columnDdl())
                + ")");
      }
      stage = stageName;
      PostgresStageTables.comment(c, stage, table);
      if (mode == LoadMode.UPSERT) {
        checkKeys(r.keyColumns(), columns, table);
      }

      boolean binary = target.binaryCopy() && source.binaryCapable(existingColumns);
      int streams = r.input().bytes() >= PARALLEL_MIN_INPUT_BYTES ? target.copyStreams() : 1;
      String copySql =
          "COPY "
              + stage.quoted()
              + " ("
              + columnList(columns)
              + ") FROM STDIN"
              + (binary ? " (FORMAT binary)" : "");
      LOG.info(
          "loading {} into {}: {} COPY stream{}, {} format; set-up {} ms{}",
          r.input().location().original(),
          table,
          streams,
          streams == 1 ? "" : "s",
          binary ? "binary" : "text",
          (System.nanoTime() - start) / 1_000_000,
          source instanceof ParquetCopyInput p ? p.footerTime(start) : "");
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
          throw new WarehouseException(
              "postgresql: "
                  + table
                  + " was "
                  + (exists ? "dropped" : "created")
                  + " by someone else during the load of "
                  + r.input().location().original()
                  + ", nothing was changed");
        }
        if (alreadyLoaded(c, r, exists)) {
          execute(c, "DROP TABLE " + stage.quoted());
          return skipped(r, start);
        }
      }
      long rejected = quarantine.rows();
      if (copied != read - rejected) {
        throw new WarehouseException(
            "postgresql: COPY into "
                + stage
                + " took "
                + copied
                + " rows, "
                + (read - rejected)
                + " were sent");
      }

      if (mode == LoadMode.UPSERT) {
        checkUpsertKeys(c, stage.quoted(), r.keyColumns(), table);
      }
      if (intoExisting && mode == LoadMode.UPSERT) {
        execute(
            c,
            "DELETE FROM "
                + table.quoted()
                + " t USING "
                + stage.quoted()
                + " s WHERE "
                + keyMatch(r.keyColumns(), "t", "s"));
      }
      if (intoExisting) {
        mergeStage(c, stage.quoted(), table, columns);
      } else {
        execute(c, "DROP TABLE IF EXISTS " + table.quoted());
        execute(
            c, "ALTER TABLE " + stage.quoted() + " RENAME TO " + Identifiers.quote(table.table()));
        // A replaced table's earlier appends went with it.
        LoadHistory.forget(c, table);
      }
      LoadHistory.record(c, table, r.loadId(), mode, copied, rejected);
      return new LoadResult(
          kind(),
          table,
          mode,
          r.loadId(),
          read,
          copied,
          rejected,
          r.input().bytes(),
          elapsed(start),
          false,
          rejected > 0 ? quarantine.path() : null);
    }

    /** Streams the input through {@code out}; on failure stops every stream before rethrowing. */
    private long stream(CopyInput source, CopyStreams out) throws SQLException, IOException {
      try {
        long read = source.stream(out, quarantine);
        out.finish();
        return read;
      } catch (SQLException | IOException | RuntimeException e) {
        out.abort(e);
        throw e;
      }
    }

    /**
     * After a failed load whose staging table was committed: drops it, on a new connection if need
     * be.
     */
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
        LOG.debug(
            "dropping {} on the load's connection failed: {}",
            stage,
            Redaction.redact(e.getMessage()));
      }
      try (Connection fresh = connect()) {
        execute(fresh, drop);
      } catch (SQLException e) {
        failure.addSuppressed(e);
        LOG.warn(
            "could not drop the staging table {} after the failed load: {} (drop it by hand)",
            stage,
            firstLine(e.getMessage()));
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
      LOG.debug("closing a COPY connection failed: {}", Redaction.redact(e.getMessage()));
    }
  }
}
