package io.sluice.jobs.tera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class KeyRangeBatchesTest {

  private static final int RECORD = TeraFormat.RECORD_LENGTH;

  private static byte[] recordStartingWith(int first) {
    byte[] record = new byte[RECORD];
    record[0] = (byte) first;
    return record;
  }

  /** The records as a record reader hands them on: one BytesWritable, refilled for every record. */
  private static Iterator<Tuple2<BytesWritable, NullWritable>> reader(List<byte[]> records) {
    return reader(records, 1);
  }

  /** The same, up to {@code perKey} whole records per key (a block, as the Spark sort reads). */
  private static Iterator<Tuple2<BytesWritable, NullWritable>> reader(
      List<byte[]> records, int perKey) {
    BytesWritable reused = new BytesWritable(new byte[RECORD * perKey]);
    Iterator<byte[]> it = records.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Tuple2<BytesWritable, NullWritable> next() {
        int count = 0;
        while (count < perKey && it.hasNext()) {
          System.arraycopy(it.next(), 0, reused.getBytes(), count++ * RECORD, RECORD);
        }
        reused.setSize(count * RECORD);
        return new Tuple2<>(reused, NullWritable.get());
      }
    };
  }

  @Test
  void everyRecordLandsOnceInABatchOfItsOwnKeyRange() {
    everyRecordLandsOnceInABatchOfItsOwnKeyRange(1);
  }

  @Test
  void everyRecordOfABlockLandsInItsOwnKeyRange() {
    everyRecordLandsOnceInABatchOfItsOwnKeyRange(37); // 50,000 records: the last block is short
  }

  private void everyRecordLandsOnceInABatchOfItsOwnKeyRange(int recordsPerKey) {
    // Ranges split at first bytes 0x40, 0x80 and 0xC0 (unsigned): 4 ranges.
    KeyRangePartitioner ranges =
        new KeyRangePartitioner(
            List.of(recordStartingWith(0x40), recordStartingWith(0x80), recordStartingWith(0xC0)));
    Random random = new Random(7);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      byte[] record = new byte[RECORD];
      random.nextBytes(record);
      records.add(record);
    }

    KeyRangeBatches batches = new KeyRangeBatches(reader(records, recordsPerKey), ranges);
    Map<Integer, List<byte[]>> byRange = new HashMap<>();
    int batchCount = 0;
    while (batches.hasNext()) {
      byte[] batch = batches.next()._1();
      batchCount++;
      assertTrue(batch.length > 0 && batch.length % RECORD == 0, "whole records: " + batch.length);
      assertTrue(batch.length <= KeyRangeBatches.MAX_BATCH_RECORDS * RECORD);
      int range = ranges.getPartition(batch);
      for (int offset = 0; offset < batch.length; offset += RECORD) {
        byte[] record = Arrays.copyOfRange(batch, offset, offset + RECORD);
        assertEquals(range, ranges.getPartition(record), "a record in a batch of another range");
        byRange.computeIfAbsent(range, r -> new ArrayList<>()).add(record);
      }
    }
    assertThrows(NoSuchElementException.class, batches::next);
    assertTrue(
        batchCount > 4, "full batches are emitted on the way, not only at the end: " + batchCount);

    List<byte[]> out =
        byRange.values().stream().flatMap(List::stream).sorted(Arrays::compareUnsigned).toList();
    List<byte[]> in = records.stream().sorted(Arrays::compareUnsigned).toList();
    assertEquals(in.size(), out.size());
    for (int i = 0; i < in.size(); i++) {
      assertEquals(0, Arrays.compare(in.get(i), out.get(i)), "record " + i);
    }
  }

  @Test
  void aKeyOfPartRecordsIsRefused() {
    BytesWritable partial = new BytesWritable(new byte[RECORD + 1]);
    KeyRangeBatches batches =
        new KeyRangeBatches(
            List.of(new Tuple2<>(partial, NullWritable.get())).iterator(),
            new KeyRangePartitioner(List.of()));
    assertThrows(IllegalArgumentException.class, batches::hasNext);
  }

  @Test
  void noRecordsGiveNoBatches() {
    KeyRangeBatches batches =
        new KeyRangeBatches(reader(List.of()), new KeyRangePartitioner(List.of()));
    assertFalse(batches.hasNext());
  }
}
