package io.sluice.warehouse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/** A load input streamed as COPY rows: {@link CsvCopyInput} or {@link ParquetCopyInput}. */
interface CopyInput {
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

  /**
   * Streams every row, as binary rows when {@code out.binary()}; returns the rows read (loaded +
   * rejected).
   */
  long stream(CopyStreams out, QuarantineFile quarantine) throws IOException, SQLException;
}
