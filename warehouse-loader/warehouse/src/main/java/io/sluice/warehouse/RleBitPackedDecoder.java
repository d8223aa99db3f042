package io.sluice.warehouse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Parquet's RLE / bit-packing hybrid encoding of small integers (definition levels, dictionary ids,
 * RLE booleans), read from a byte range of a page: runs of one repeated value ({@code varint(count
 * << 1)}, then the value in whole little-endian bytes) and runs of groups of 8 values bit-packed
 * least significant bit first ({@code varint(groups << 1 | 1)}, then {@code groups * bitWidth}
 * bytes).
 *
 * <p>parquet-mr has a decoder for this, but its first use initialises every generated bit packer of
 * every width and byte order (some 400 classes, ~0.35 s of a fresh JVM's load); this one is a few
 * lines of shifts.
 */
final class RleBitPackedDecoder {

  private final ByteBuffer in;
  private final int bitWidth;
  private final int valueBytes;
  private final long mask;
  private final int end;
  private int pos;

  /** Values left in the current run. */
  private int runLeft;

  private boolean packedRun;
  private int repeated;

  /** The current bit-packed run: its first byte and the bit offset of its next value. */
  private int packedStart;

  private long bitOffset;

  /**
   * Decodes bytes [{@code start}, {@code end}) of {@code in} (absolute positions), values of {@code
   * bitWidth} bits.
   */
  RleBitPackedDecoder(ByteBuffer in, int start, int end, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new ParquetDecodingException(
          "RLE/bit-packed values of " + bitWidth + " bits: must be 0..32");
    }
    // Little-endian reads of 8 bytes at a time on a view of the same bytes (the caller's buffer
    // keeps its order).
    this.in = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.pos = start;
    this.end = end;
    this.bitWidth = bitWidth;
    this.valueBytes = (bitWidth + 7) / 8;
    this.mask = (1L << bitWidth) - 1;
  }

  /** Where the data ends (for data following it in the same buffer). */
  int end() {
    return end;
  }

  /** Decodes the next {@code n} values into {@code out[from..from+n)}. */
  void read(int[] out, int from, int n) {
    int i = from;
    int to = from + n;
    while (i < to) {
      if (runLeft == 0) {
        readRunHeader();
      }
      int k = Math.min(runLeft, to - i);
      if (packedRun) {
        for (int j = 0; j < k; j++) {
          out[i + j] = unpack();
        }
      } else {
        Arrays.fill(out, i, i + k, repeated);
      }
      runLeft -= k;
      i += k;
    }
  }

  int next() {
    if (runLeft == 0) {
      readRunHeader();
    }
    runLeft--;
    return packedRun ? unpack() : repeated;
  }

  private int unpack() {
    int byteIndex = packedStart + (int) (bitOffset >>> 3);
    int shift = (int) (bitOffset & 7);
    bitOffset += bitWidth;
    if (byteIndex + 8 <= end) {
      return (int) ((in.getLong(byteIndex) >>> shift) & mask);
    }
    int bytes = (shift + bitWidth + 7) >>> 3;
    long acc = 0;
    for (int k = 0; k < bytes; k++) {
      int at = byteIndex + k;
      // A writer may cut the last group's padding bytes: missing bytes read as zero.
      long b = at < end ? in.get(at) & 0xff : 0;
      acc |= b << (8 * k);
    }
    return (int) ((acc >>> shift) & mask);
  }

  private void readRunHeader() {
    if (pos >= end) {
      throw new ParquetDecodingException(
          "RLE/bit-packed data ends before its values (at byte " + pos + ")");
    }
    int header = readVarInt();
    if ((header & 1) == 0) {
      packedRun = false;
      runLeft = header >>> 1;
      int v = 0;
      for (int k = 0; k < valueBytes; k++) {
        v |= (in.get(pos++) & 0xff) << (8 * k);
      }
      repeated = v;
    } else {
      packedRun = true;
      int groups = header >>> 1;
      runLeft = groups * 8;
      packedStart = pos;
      bitOffset = 0;
      pos = Math.min(end, pos + groups * bitWidth);
    }
    if (runLeft == 0) {
      readRunHeader();
    }
  }

  private int readVarInt() {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = in.get(pos++);
      value |= (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new ParquetDecodingException(
        "RLE/bit-packed run header is not a valid varint (at byte " + pos + ")");
  }
}
