package io.sluice.warehouse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;

/** Parquet files, read row by row with parquet-hadoop through the Hadoop FileSystem. */
final class ParquetCopyInput implements CopyInput {
  /**
   * Rows decoded per column at a time on the binary path: small enough to stay in the CPU caches.
   */
  private static final int BATCH_ROWS = 4096;

  private final LoadRequest request;
  private final List<ColumnDefinition> columns;

  /** Each file's row count, from its footer. */
  private final List<Long> recordCounts = new ArrayList<>();

  /** When the footers were read (System.nanoTime), for the set-up log line. */
  private final long footersRead;

  ParquetCopyInput(LoadRequest request) throws IOException {
    this.request = request;
    MessageType schema = null;
    for (FileStatus f : request.input().files()) {
      ParquetMetadata footer;
      try (ParquetFileReader reader =
          ParquetFileReader.open(
              request.input().parquetFile(f), request.input().parquetOptions(f))) {
        footer = reader.getFooter();
        recordCounts.add(reader.getRecordCount());
      } catch (RuntimeException | IOException e) {
        throw new InvalidLoadRequestException(
            f.getPath()
                + " is not a readable Parquet file: "
                + JdbcWarehouse.firstLine(e.getMessage()),
            e);
      }
      MessageType fileSchema = footer.getFileMetaData().getSchema();
      if (schema == null) {
        schema = fileSchema;
      } else if (!schema.equals(fileSchema)) {
        throw new InvalidLoadRequestException(
            f.getPath()
                + " has a different schema from "
                + request.input().files().get(0).getPath().getName()
                + "; all files of one load must share a schema");
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
    return columns.stream()
        .allMatch(col -> BinaryCopyRows.dataType(col.sqlType()).equals(existing.get(col.name())));
  }

  @Override
  public long stream(CopyStreams out, QuarantineFile quarantine) throws IOException, SQLException {
    ParquetCopyEncoder encoder = new ParquetCopyEncoder(columns);
    boolean direct = DirectCopyMaterializer.supports(columns);
    BinaryCopyRows binaryRows = out.binary() ? new BinaryCopyRows(columns) : null;
    RowProgress progress = new RowProgress(request.progressInterval());
    List<FileStatus> files = request.input().files();
    for (int fileIndex = 0; fileIndex < files.size(); fileIndex++) {
      FileStatus f = files.get(fileIndex);
      InputFile file = request.input().parquetFile(f);
      progress.startFile(f, recordCounts.get(fileIndex));
      if (out.binary()) {
        // Flat scalar columns as binary COPY: each column decoded a batch of rows at a time into
        // arrays (FlatColumnDecoder), then the batch written row by row (BinaryCopyRows).
        try (ParquetFileReader reader =
            ParquetFileReader.open(file, request.input().parquetOptions(f))) {
          MessageType schema = reader.getFooter().getFileMetaData().getSchema();
          String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
          List<ColumnDescriptor> descriptors = schema.getColumns();
          FlatColumnDecoder[] decoders = new FlatColumnDecoder[descriptors.size()];
          PageReadStore rowGroup;
          while ((rowGroup = reader.readNextRowGroup()) != null) {
            for (int i = 0; i < decoders.length; i++) {
              decoders[i] =
                  new FlatColumnDecoder(
                      descriptors.get(i),
                      rowGroup.getPageReader(descriptors.get(i)),
                      createdBy,
                      BATCH_ROWS);
            }
            for (long remaining = rowGroup.getRowCount(); remaining > 0; ) {
              int batch = (int) Math.min(BATCH_ROWS, remaining);
              for (FlatColumnDecoder d : decoders) {
                d.decode(batch);
              }
              for (int row = 0; row < batch; row++) {
                binaryRows.write(decoders, row, out.buffer);
                out.maybeFlush();
                progress.row();
              }
              remaining -= batch;
            }
          }
        }
      } else if (direct) {
        // Flat scalar columns as text: values go straight from the column readers into COPY rows.
        // Flat
        // rows need no record assembly (repetition levels, nesting): per row, each column's
        // reader hands its value, if defined, to that column's converter, which formats it.
        DirectCopyMaterializer materializer = new DirectCopyMaterializer(columns, out.buffer);
        GroupConverter root = materializer.getRootConverter();
        try (ParquetFileReader reader =
            ParquetFileReader.open(file, request.input().parquetOptions(f))) {
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
              progress.row();
            }
          }
        }
      } else {
        try (ParquetReader<Group> reader =
            new GroupReaderBuilder(file, request.input().parquetOptions(f)).build()) {
          Group row;
          while ((row = reader.read()) != null) {
            encoder.encode(row, out.buffer);
            out.maybeFlush();
            progress.row();
          }
        }
      }
      progress.endFile();
    }
    return progress.finish();
  }

  /**
   * Counts the rows streamed, of the current file and in all, and reports progress every {@code
   * interval} rows (bytes estimated within a file from its rows); checks each file's count against
   * its footer.
   */
  private final class RowProgress {
    private final long interval;
    private long rows;
    private long bytesDone;
    private FileStatus file;
    private long expected;
    private long inFile;

    RowProgress(long interval) {
      this.interval = interval;
    }

    void startFile(FileStatus f, long expectedRows) {
      file = f;
      expected = expectedRows;
      inFile = 0;
    }

    void row() {
      inFile++;
      if (++rows % interval == 0) {
        request
            .progress()
            .update(rows, bytesDone + (expected == 0 ? 0 : file.getLen() * inFile / expected));
      }
    }

    void endFile() {
      if (inFile != expected) {
        throw new WarehouseException(
            file.getPath() + ": read " + inFile + " rows, its footer says " + expected);
      }
      bytesDone += file.getLen();
    }

    /** Reports the final count and returns it. */
    long finish() {
      request.progress().update(rows, bytesDone);
      return rows;
    }
  }

  /**
   * parquet-hadoop's reader of example {@link Group}s, on an {@link InputFile} (any Hadoop
   * FileSystem).
   */
  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(InputFile file, ParquetReadOptions options) {
      super(file, options.getConfiguration());
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
