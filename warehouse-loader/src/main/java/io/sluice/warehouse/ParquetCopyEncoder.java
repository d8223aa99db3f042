package io.sluice.warehouse;

import java.util.List;
import org.apache.parquet.example.data.Group;

/** Encodes Parquet rows as COPY text lines, column by column as {@link ColumnDefinition}s say. */
final class ParquetCopyEncoder {

  private final List<ColumnDefinition> columns;
  private final StringBuilder scratch = new StringBuilder(256);

  ParquetCopyEncoder(List<ColumnDefinition> columns) {
    this.columns = columns;
  }

  /** Appends one row, with its line end. */
  void encode(Group row, StringBuilder out) {
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.append('\t');
      }
      ColumnDefinition column = columns.get(i);
      boolean repeated = column.parquetType().isRepetition(org.apache.parquet.schema.Type.Repetition.REPEATED);
      if (!repeated && row.getFieldRepetitionCount(i) == 0) {
        out.append(CopyText.NULL);
        continue;
      }
      scratch.setLength(0);
      switch (column.encoding()) {
        case SCALAR -> ParquetValueText.scalar(row, i, 0, column.parquetType().asPrimitiveType(), scratch);
        case ARRAY -> ParquetValueText.array(row, i, column.parquetType(), scratch);
        case JSON -> ParquetValueText.json(row, i, column.parquetType(), scratch);
      }
      CopyText.appendEscaped(scratch, out);
    }
    out.append('\n');
  }
}
