package io.sluice.warehouse;

import java.io.IOException;
import org.apache.parquet.CorruptDeltaByteArrays;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.RequiresPreviousReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * One flat (non-repeated, not nested) column of a Parquet row group, decoded page by page into
 * plain arrays a batch of rows at a time: {@link #present} says which rows have a value, and the
 * value is in {@link #longs} (integers, booleans as 0/1, floats and doubles as their raw bits) or
 * {@link #binaries} (strings, binary decimals, int96).
 *
 * <p>Why not parquet-mr's ColumnReader with converters: that path does per value a level check,
 * a page-boundary check and a converter call through several layers, which in a fresh JVM runs
 * interpreted for most of a 1M-row load. Here each batch is two short loops per column (levels,
 * then values) that the JIT compiles after a few batches; the pages and their encodings are still
 * decoded by parquet-mr's own {@link ValuesReader}s, so every encoding parquet-mr reads works here.
 */
final class FlatColumnDecoder {

  private final ColumnDescriptor column;
  private final PageReader pages;
  private final String createdBy;
  private final PrimitiveTypeName physical;
  /** 0 for a required column (no levels stored), 1 for an optional one. */
  private final int maxDefinition;
  private final Dictionary dictionary;

  /** Whether row {@code i} of the batch has a value (else NULL). */
  final boolean[] present;
  /** Row {@code i}'s value for integer, boolean, float and double columns. */
  final long[] longs;
  /** Row {@code i}'s value for binary, fixed-length and int96 columns. */
  final Binary[] binaries;

  private ValuesReader values;
  private ValuesReader levelsV1;
  private RunLengthBitPackingHybridDecoder levelsV2;
  /** Values left in the current page. */
  private int left;

  FlatColumnDecoder(ColumnDescriptor column, PageReader pages, String createdBy, int batchRows) throws IOException {
    if (column.getMaxRepetitionLevel() != 0 || column.getMaxDefinitionLevel() > 1) {
      throw new IllegalArgumentException("column " + String.join(".", column.getPath()) + " is not a flat column");
    }
    this.column = column;
    this.pages = pages;
    this.createdBy = createdBy;
    this.physical = column.getPrimitiveType().getPrimitiveTypeName();
    this.maxDefinition = column.getMaxDefinitionLevel();
    DictionaryPage dictionaryPage = pages.readDictionaryPage();
    this.dictionary = dictionaryPage == null ? null : dictionaryPage.getEncoding().initDictionary(column, dictionaryPage);
    this.present = new boolean[batchRows];
    boolean binary = physical == PrimitiveTypeName.BINARY || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
        || physical == PrimitiveTypeName.INT96;
    this.longs = binary ? null : new long[batchRows];
    this.binaries = binary ? new Binary[batchRows] : null;
  }

  /** Decodes the next {@code rows} rows (at most the batch size) into the arrays, from index 0. */
  void decode(int rows) throws IOException {
    int done = 0;
    while (done < rows) {
      if (left == 0) {
        nextPage();
      }
      int n = Math.min(left, rows - done);
      decodeRun(done, n);
      done += n;
      left -= n;
    }
  }

  private void decodeRun(int from, int n) throws IOException {
    int to = from + n;
    if (maxDefinition == 0) {
      for (int i = from; i < to; i++) {
        present[i] = true;
      }
    } else if (levelsV1 != null) {
      for (int i = from; i < to; i++) {
        present[i] = levelsV1.readInteger() == 1;
      }
    } else {
      for (int i = from; i < to; i++) {
        present[i] = levelsV2.readInt() == 1;
      }
    }
    ValuesReader v = values;
    switch (physical) {
      case BOOLEAN -> {
        for (int i = from; i < to; i++) {
          if (present[i]) {
            longs[i] = v.readBoolean() ? 1 : 0;
          }
        }
      }
      case INT32 -> {
        for (int i = from; i < to; i++) {
          if (present[i]) {
            longs[i] = v.readInteger();
          }
        }
      }
      case INT64 -> {
        for (int i = from; i < to; i++) {
          if (present[i]) {
            longs[i] = v.readLong();
          }
        }
      }
      case FLOAT -> {
        for (int i = from; i < to; i++) {
          if (present[i]) {
            longs[i] = Float.floatToRawIntBits(v.readFloat());
          }
        }
      }
      case DOUBLE -> {
        for (int i = from; i < to; i++) {
          if (present[i]) {
            longs[i] = Double.doubleToRawLongBits(v.readDouble());
          }
        }
      }
      case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> {
        for (int i = from; i < to; i++) {
          binaries[i] = present[i] ? v.readBytes() : null;
        }
      }
    }
  }

  private void nextPage() throws IOException {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new ParquetDecodingException("column " + String.join(".", column.getPath()) + " ends before its row group");
    }
    ValuesReader previous = values;
    int count = page.getValueCount();
    if (page instanceof DataPageV1 v1) {
      ByteBufferInputStream in = v1.getBytes().toInputStream();
      // No repetition levels in a flat column (their reader reads nothing), then the definition levels.
      v1.getRlEncoding().getValuesReader(column, ValuesType.REPETITION_LEVEL).initFromPage(count, in);
      levelsV1 = v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
      levelsV1.initFromPage(count, in);
      levelsV2 = null;
      values = valuesReader(v1.getValueEncoding(), count, in);
    } else {
      DataPageV2 v2 = (DataPageV2) page;
      levelsV1 = null;
      levelsV2 = maxDefinition == 0 ? null
          : new RunLengthBitPackingHybridDecoder(BytesUtils.getWidthFromMaxInt(maxDefinition), v2.getDefinitionLevels().toInputStream());
      values = valuesReader(v2.getDataEncoding(), count, v2.getData().toInputStream());
    }
    // Files from writers with the DELTA_BYTE_ARRAY bug (PARQUET-246) carry prefixes across pages.
    if (previous != null && values instanceof RequiresPreviousReader r
        && CorruptDeltaByteArrays.requiresSequentialReads(createdBy, encodingOf(page))) {
      r.setPreviousReader(previous);
    }
    left = count;
  }

  private static Encoding encodingOf(DataPage page) {
    return page instanceof DataPageV1 v1 ? v1.getValueEncoding() : ((DataPageV2) page).getDataEncoding();
  }

  private ValuesReader valuesReader(Encoding encoding, int count, ByteBufferInputStream in) throws IOException {
    ValuesReader reader;
    if (encoding.usesDictionary()) {
      if (dictionary == null) {
        throw new ParquetDecodingException("column " + String.join(".", column.getPath()) + " has a dictionary-encoded page but no dictionary");
      }
      reader = encoding.getDictionaryBasedValuesReader(column, ValuesType.VALUES, dictionary);
    } else {
      reader = encoding.getValuesReader(column, ValuesType.VALUES);
    }
    reader.initFromPage(count, in);
    return reader;
  }
}
