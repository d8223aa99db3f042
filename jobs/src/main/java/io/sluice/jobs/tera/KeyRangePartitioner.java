package io.sluice.jobs.tera;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.Partitioner;

/**
 * Sends a Tera record to the key range it falls in: range {@code i} holds the records from split
 * point {@code i - 1} (inclusive) up to split point {@code i} (exclusive), by unsigned bytes, as
 * Hadoop's TotalOrderPartitioner cuts them. The split points come from a sample, so Spark does not
 * read the whole input an extra time to find them (as {@code repartitionByRange} would).
 */
final class KeyRangePartitioner extends Partitioner {

  private static final long serialVersionUID = 1L;

  private final byte[][] splitPoints;

  KeyRangePartitioner(List<byte[]> splitPoints) {
    this.splitPoints = splitPoints.toArray(new byte[0][]);
    for (int i = 1; i < this.splitPoints.length; i++) {
      if (Arrays.compareUnsigned(this.splitPoints[i - 1], this.splitPoints[i]) >= 0) {
        throw new IllegalArgumentException(
            "split points must increase: point " + i + " is not above point " + (i - 1));
      }
    }
  }

  @Override
  public int numPartitions() {
    return splitPoints.length + 1;
  }

  @Override
  public int getPartition(Object key) {
    // A key is one record, or a batch of records of one range (KeyRangeBatches): its first record
    // counts.
    byte[] record = (byte[]) key;
    return rangeOf(record, 0, Math.min(record.length, TeraFormat.RECORD_LENGTH));
  }

  /** The range of the record at {@code offset} of {@code records}, compared on {@code length}. */
  int rangeOf(byte[] records, int offset, int length) {
    int low = 0;
    int high = splitPoints.length;
    // The first split point above the record is the end of its range.
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (Arrays.compareUnsigned(
              records, offset, offset + length, splitPoints[mid], 0, splitPoints[mid].length)
          < 0) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyRangePartitioner that
        && Arrays.deepEquals(splitPoints, that.splitPoints);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(splitPoints);
  }
}
