package io.sluice.warehouse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.CorruptDeltaByteArrays;
import org.apache.parquet.bytes.ByteBufferInputStream;
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
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * One flat (non-repeated, not nested) column of a Parquet row group, decoded page by page into
 * plain arrays a batch of rows at a time: {@link #present} says which rows have a value, and the
 * value is in {@link #longs} (integers, booleans as 0/1, floats and doubles as their raw bits) or
 * {@link #binaries} (strings, binary decimals, int96).
 *
 * <p>Why not parquet-mr's ColumnReader with converters: that path does per value a level check, a
 * page-boundary check and a converter call through several layers, which in a fresh JVM runs
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

  /**
   * The dictionary's values decoded once: as longs (like {@link #longs}) or as binaries of their
   * own arrays.
   */
  private final long[] dictionaryLongs;

  private final Binary[] dictionaryBinaries;

  /** Scratch: a batch's definition levels, then its dictionary ids. */
  private final int[] scratch;

  /** Whether row {@code i} of the batch has a value (else NULL). */
  final boolean[] present;

  /** Row {@code i}'s value for integer, boolean, float and double columns. */
  final long[] longs;

  /** Row {@code i}'s value for binary, fixed-length and int96 columns. */
  final Binary[] binaries;

  /** The current page's values when not dictionary-encoded and not PLAIN (read here). */
  private ValuesReader values;

  /** The current page's PLAIN values (little-endian) and the position of the next one. */
  private ByteBuffer plain;

  private int plainPos;

  /** The current page's dictionary ids when it is dictionary-encoded. */
  private RleBitPackedDecoder ids;

  /**
   * The current page's booleans when PLAIN (bit-packed, least significant bit first) or RLE
   * encoded.
   */
  private ByteBuffer plainBooleans;

  private RleBitPackedDecoder rleBooleans;
  private int booleanIndex;

  /**
   * The current page's definition levels (optional columns): ours for RLE, parquet-mr's for
   * BIT_PACKED.
   */
  private RleBitPackedDecoder levels;

  private ValuesReader bitPackedLevels;

  /** Values left in the current page. */
  private int left;

  FlatColumnDecoder(ColumnDescriptor column, PageReader pages, String createdBy, int batchRows)
      throws IOException {
    if (column.getMaxRepetitionLevel() != 0 || column.getMaxDefinitionLevel() > 1) {
      throw new IllegalArgumentException(
          "column " + String.join(".", column.getPath()) + " is not a flat column");
    }
    this.column = column;
    this.pages = pages;
    this.createdBy = createdBy;
    this.physical = column.getPrimitiveType().getPrimitiveTypeName();
    this.maxDefinition = column.getMaxDefinitionLevel();
    DictionaryPage dictionaryPage = pages.readDictionaryPage();
    Dictionary dictionary =
        dictionaryPage == null
            ? null
            : dictionaryPage.getEncoding().initDictionary(column, dictionaryPage);
    this.present = new boolean[batchRows];
    this.scratch = new int[batchRows];
    boolean binary =
        physical == PrimitiveTypeName.BINARY
            || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
            || physical == PrimitiveTypeName.INT96;
    if (dictionary == null) {
      dictionaryLongs = null;
      dictionaryBinaries = null;
    } else if (binary) {
      dictionaryLongs = null;
      dictionaryBinaries = new Binary[dictionary.getMaxId() + 1];
      for (int id = 0; id < dictionaryBinaries.length; id++) {
        dictionaryBinaries[id] =
            Binary.fromConstantByteArray(dictionary.decodeToBinary(id).getBytes());
      }
    } else {
      dictionaryBinaries = null;
      dictionaryLongs = new long[dictionary.getMaxId() + 1];
      for (int id = 0; id < dictionaryLongs.length; id++) {
        dictionaryLongs[id] =
            switch (physical) {
              case BOOLEAN -> dictionary.decodeToBoolean(id) ? 1 : 0;
              case INT32 -> dictionary.decodeToInt(id);
              case INT64 -> dictionary.decodeToLong(id);
              case FLOAT -> Float.floatToRawIntBits(dictionary.decodeToFloat(id));
              case DOUBLE -> Double.doubleToRawLongBits(dictionary.decodeToDouble(id));
              default -> throw new IllegalStateException(physical.name());
            };
      }
    }
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

  private void decodeRun(int from, int n) {
    int to = from + n;
    if (maxDefinition == 0) {
      for (int i = from; i < to; i++) {
        present[i] = true;
      }
    } else if (levels != null) {
      levels.read(scratch, from, n);
      for (int i = from; i < to; i++) {
        present[i] = scratch[i] == 1;
      }
    } else {
      for (int i = from; i < to; i++) {
        present[i] = bitPackedLevels.readInteger() == 1;
      }
    }
    if (ids != null) {
      decodeDictionaryIds(from, to);
    } else if (plain != null) {
      decodePlain(from, to);
    } else if (physical == PrimitiveTypeName.BOOLEAN && values == null) {
      for (int i = from; i < to; i++) {
        if (present[i]) {
          longs[i] = nextBoolean();
        }
      }
    } else {
      decodeValues(from, to);
    }
  }

  private int nextBoolean() {
    if (rleBooleans != null) {
      return rleBooleans.next();
    }
    int k = booleanIndex++;
    return (plainBooleans.get(plainBooleans.position() + (k >>> 3)) >>> (k & 7)) & 1;
  }

  private void decodeDictionaryIds(int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (present[i]) {
        count++;
      }
    }
    int[] id = scratch;
    ids.read(id, 0, count);
    int j = 0;
    if (dictionaryLongs != null) {
      long[] dict = dictionaryLongs;
      for (int i = from; i < to; i++) {
        if (present[i]) {
          longs[i] = dict[id[j++]];
        }
      }
    } else {
      Binary[] dict = dictionaryBinaries;
      for (int i = from; i < to; i++) {
        binaries[i] = present[i] ? dict[id[j++]] : null;
      }
    }
  }

  /**
   * PLAIN values: fixed-width little-endian numbers, or (binary) a 4-byte length then the bytes.
   */
  private void decodePlain(int from, int to) {
    ByteBuffer in = plain;
    int pos = plainPos;
    switch (physical) {
      case INT32, FLOAT -> {
        for (int i = from; i < to; i++) {
          if (present[i]) {
            longs[i] = in.getInt(pos);
            pos += 4;
          }
        }
      }
      case INT64, DOUBLE -> {
        for (int i = from; i < to; i++) {
          if (present[i]) {
            longs[i] = in.getLong(pos);
            pos += 8;
          }
        }
      }
      case BINARY -> {
        for (int i = from; i < to; i++) {
          if (present[i]) {
            int length = in.getInt(pos);
            binaries[i] = slice(in, pos + 4, length);
            pos += 4 + length;
          } else {
            binaries[i] = null;
          }
        }
      }
      case FIXED_LEN_BYTE_ARRAY, INT96 -> {
        int length =
            physical == PrimitiveTypeName.INT96 ? 12 : column.getPrimitiveType().getTypeLength();
        for (int i = from; i < to; i++) {
          if (present[i]) {
            binaries[i] = slice(in, pos, length);
            pos += length;
          } else {
            binaries[i] = null;
          }
        }
      }
      default -> throw new IllegalStateException("PLAIN " + physical + " is read by parquet-mr");
    }
    plainPos = pos;
  }

  private static Binary slice(ByteBuffer in, int pos, int length) {
    if (pos < 0 || length < 0 || pos + length > in.limit()) {
      throw new ParquetDecodingException(
          "PLAIN value of "
              + length
              + " bytes at "
              + pos
              + " runs past its page ("
              + in.limit()
              + " bytes)");
    }
    return in.hasArray()
        ? Binary.fromConstantByteArray(in.array(), in.arrayOffset() + pos, length)
        : Binary.fromConstantByteBuffer(in, pos, length);
  }

  private void decodeValues(int from, int to) {
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
      throw new ParquetDecodingException(
          "column " + String.join(".", column.getPath()) + " ends before its row group");
    }
    ValuesReader previous = values;
    int count = page.getValueCount();
    ByteBuffer data;
    Encoding encoding;
    levels = null;
    bitPackedLevels = null;
    if (page instanceof DataPageV1 v1) {
      // A flat column stores no repetition levels; the definition levels (optional columns), then
      // the values.
      data = v1.getBytes().toByteBuffer();
      encoding = v1.getValueEncoding();
      if (maxDefinition > 0) {
        if (v1.getDlEncoding() == Encoding.RLE) {
          int start = data.position();
          int length = data.order(ByteOrder.LITTLE_ENDIAN).getInt(start);
          levels = new RleBitPackedDecoder(data, start + 4, start + 4 + length, 1);
          data = data.duplicate().position(start + 4 + length);
        } else {
          ByteBufferInputStream in = ByteBufferInputStream.wrap(data);
          bitPackedLevels = v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
          bitPackedLevels.initFromPage(count, in);
          data = in.slice((int) in.available());
        }
      }
    } else {
      DataPageV2 v2 = (DataPageV2) page;
      if (maxDefinition > 0) {
        ByteBuffer defined = v2.getDefinitionLevels().toByteBuffer();
        levels = new RleBitPackedDecoder(defined, defined.position(), defined.limit(), 1);
      }
      data = v2.getData().toByteBuffer();
      encoding = v2.getDataEncoding();
    }
    ids = null;
    values = null;
    plain = null;
    plainBooleans = null;
    rleBooleans = null;
    booleanIndex = 0;
    if (encoding.usesDictionary()) {
      if (dictionaryLongs == null && dictionaryBinaries == null) {
        throw new ParquetDecodingException(
            "column "
                + String.join(".", column.getPath())
                + " has a dictionary-encoded page but no dictionary");
      }
      // The ids' bit width in one byte, then the ids RLE/bit-packed.
      int start = data.position();
      ids = new RleBitPackedDecoder(data, start + 1, data.limit(), data.get(start) & 0xff);
    } else if (physical != PrimitiveTypeName.BOOLEAN && encoding == Encoding.PLAIN) {
      plain = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      plainPos = data.position();
    } else if (physical == PrimitiveTypeName.BOOLEAN && encoding == Encoding.PLAIN) {
      plainBooleans = data;
    } else if (physical == PrimitiveTypeName.BOOLEAN && encoding == Encoding.RLE) {
      int start = data.position();
      int length = data.order(ByteOrder.LITTLE_ENDIAN).getInt(start);
      rleBooleans = new RleBitPackedDecoder(data, start + 4, start + 4 + length, 1);
    } else {
      values = encoding.getValuesReader(column, ValuesType.VALUES);
      values.initFromPage(count, ByteBufferInputStream.wrap(data));
      // Files from writers with the DELTA_BYTE_ARRAY bug (PARQUET-246) carry prefixes across pages.
      if (previous != null
          && values instanceof RequiresPreviousReader r
          && CorruptDeltaByteArrays.requiresSequentialReads(createdBy, encoding)) {
        r.setPreviousReader(previous);
      }
    }
    left = count;
  }
}
