package io.sluice.jobs.tera;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import scala.Tuple2;

/**
 * Groups a map task's records into batches of one key range each, as the sort's shuffle carries
 * them ({@link TeraBatchSerializer}): the shuffle then handles one object per batch instead of one
 * per 100-byte record. A batch is emitted when full; the partly filled ones follow the last record.
 * {@link KeyRangePartitioner} routes a batch by its first record, so all of a batch's records
 * belong to that record's range. A record read may be a block of whole records ({@link
 * TeraRecordInputFormat#RECORDS_PER_KEY}); each of its records goes to its own range.
 */
final class KeyRangeBatches implements Iterator<Tuple2<byte[], Object>> {

  /**
   * Bytes of batches a task fills at once, all ranges together: a few MB, whatever the range count.
   */
  static final int BUFFERED_BYTES = 8 << 20;

  static final int MAX_BATCH_RECORDS = 8192;

  private final Iterator<Tuple2<BytesWritable, NullWritable>> records;
  private final KeyRangePartitioner ranges;
  private final int batchRecords;
  private final byte[][] filling;
  private final int[] filled;
  private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
  private int flushedRange;

  KeyRangeBatches(
      Iterator<Tuple2<BytesWritable, NullWritable>> records, KeyRangePartitioner ranges) {
    this.records = records;
    this.ranges = ranges;
    int count = ranges.numPartitions();
    this.batchRecords =
        Math.max(1, Math.min(MAX_BATCH_RECORDS, BUFFERED_BYTES / TeraFormat.RECORD_LENGTH / count));
    this.filling = new byte[count][];
    this.filled = new int[count];
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && records.hasNext()) {
      add(records.next()._1());
    }
    // After the last record, the partly filled batches, one range at a time.
    while (ready.isEmpty() && flushedRange < filling.length) {
      int range = flushedRange++;
      if (filled[range] > 0) {
        ready.add(
            java.util.Arrays.copyOf(filling[range], filled[range] * TeraFormat.RECORD_LENGTH));
        filling[range] = null;
      }
    }
    return !ready.isEmpty();
  }

  @Override
  public Tuple2<byte[], Object> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return new Tuple2<>(ready.poll(), null);
  }

  /** Adds a key of one or more whole records (a block, when the reader hands on blocks). */
  private void add(BytesWritable key) {
    if (key.getLength() == 0 || key.getLength() % TeraFormat.RECORD_LENGTH != 0) {
      throw new IllegalArgumentException(
          "not whole "
              + TeraFormat.RECORD_LENGTH
              + "-byte Tera records: "
              + key.getLength()
              + " bytes");
    }
    byte[] bytes = key.getBytes();
    for (int offset = 0; offset < key.getLength(); offset += TeraFormat.RECORD_LENGTH) {
      add(bytes, offset);
    }
  }

  private void add(byte[] bytes, int offset) {
    int range = ranges.rangeOf(bytes, offset, TeraFormat.RECORD_LENGTH);
    if (filling[range] == null) {
      filling[range] = new byte[batchRecords * TeraFormat.RECORD_LENGTH];
    }
    System.arraycopy(
        bytes,
        offset,
        filling[range],
        filled[range] * TeraFormat.RECORD_LENGTH,
        TeraFormat.RECORD_LENGTH);
    if (++filled[range] == batchRecords) {
      ready.add(filling[range]);
      filling[range] = null;
      filled[range] = 0;
    }
  }
}
