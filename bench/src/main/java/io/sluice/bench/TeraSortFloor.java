package io.sluice.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The plain-Java floor of TeraSort: what one JVM does with no framework. Reads every input part
 * file into one array, sorts the records by unsigned bytes on all cores ({@link
 * Arrays#parallelSort} over one {@code long} per record: the key's leading bits above the record's
 * index, records whose leading bits tie compared in full), and writes them as {@code partitions}
 * part files, so the concatenated output is byte for byte what a correct sort writes.
 */
final class TeraSortFloor {

  private static final int RECORD = 100;

  private TeraSortFloor() {}

  /** Sorts the Tera records of {@code input}'s part files into {@code output}. */
  static void sort(Path input, Path output, int partitions) throws IOException {
    byte[] data = readAll(PartFiles.of(input));
    int n = data.length / RECORD;
    int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(n));
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = (leadingBits(data, i * RECORD) >>> indexBits << indexBits) | i;
    }
    Arrays.parallelSort(order);
    int[] records = resolveTies(data, order, indexBits);
    write(data, records, output, partitions);
  }

  private static byte[] readAll(List<Path> parts) throws IOException {
    long total = 0;
    for (Path p : parts) {
      total += Files.size(p);
    }
    if (total % RECORD != 0 || total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("not whole Tera records or over 2 GB: " + total);
    }
    byte[] data = new byte[(int) total];
    int at = 0;
    for (Path p : parts) {
      try (FileChannel in = FileChannel.open(p)) {
        ByteBuffer into = ByteBuffer.wrap(data, at, (int) in.size());
        while (into.hasRemaining() && in.read(into) >= 0) {
          // until the file is read
        }
        at = into.position();
      }
    }
    return data;
  }

  /** The first 8 key bytes as an unsigned-ordered long (a signed long with its sign flipped). */
  private static long leadingBits(byte[] data, int at) {
    long v = 0;
    for (int b = 0; b < 8; b++) {
      v = (v << 8) | (data[at + b] & 0xff);
    }
    return v ^ Long.MIN_VALUE;
  }

  /** Record indexes in order; runs of equal leading bits (rare for random keys) sorted in full. */
  private static int[] resolveTies(byte[] data, long[] order, int indexBits) {
    long indexMask = (1L << indexBits) - 1;
    int[] records = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      records[i] = (int) (order[i] & indexMask);
    }
    int start = 0;
    for (int i = 1; i <= order.length; i++) {
      if (i == order.length || (order[i] >>> indexBits) != (order[start] >>> indexBits)) {
        if (i - start > 1) {
          Integer[] tied = new Integer[i - start];
          for (int t = 0; t < tied.length; t++) {
            tied[t] = records[start + t];
          }
          Arrays.sort(
              tied,
              (a, b) ->
                  Arrays.compareUnsigned(
                      data,
                      a * RECORD,
                      a * RECORD + RECORD,
                      data,
                      b * RECORD,
                      b * RECORD + RECORD));
          for (int t = 0; t < tied.length; t++) {
            records[start + t] = tied[t];
          }
        }
        start = i;
      }
    }
    return records;
  }

  private static void write(byte[] data, int[] records, Path output, int partitions)
      throws IOException {
    Files.createDirectories(output);
    ByteBuffer buffer = ByteBuffer.allocate(RECORD << 14);
    for (int part = 0; part < partitions; part++) {
      int from = (int) ((long) records.length * part / partitions);
      int to = (int) ((long) records.length * (part + 1) / partitions);
      Path file = output.resolve(String.format("part-r-%05d", part));
      try (FileChannel out =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        for (int r = from; r < to; r++) {
          if (!buffer.hasRemaining()) {
            drain(buffer, out);
          }
          buffer.put(data, records[r] * RECORD, RECORD);
        }
        drain(buffer, out);
      }
    }
  }

  private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
    buffer.clear();
  }
}
