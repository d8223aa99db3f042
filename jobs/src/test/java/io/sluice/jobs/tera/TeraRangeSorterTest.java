package io.sluice.jobs.tera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.memory.TaskMemoryManager;
import org.apache.spark.memory.UnifiedMemoryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeraRangeSorterTest {

  private static final int RECORD = TeraFormat.RECORD_LENGTH;

  @TempDir Path spillDir;

  /**
   * A memory manager granting {@code megabytes} in all (Spark's testing memory, nothing reserved).
   */
  private static UnifiedMemoryManager memory(long megabytes) {
    return UnifiedMemoryManager.apply(
        new SparkConf()
            .set("spark.testing", "true")
            .set("spark.testing.memory", Long.toString(megabytes << 20)),
        1);
  }

  private TeraRangeSorter sorter(UnifiedMemoryManager memory, int maxRunRecords) {
    return new TeraRangeSorter(
        new TaskMemoryManager(memory, 0),
        () -> {
          try {
            return Files.createTempFile(spillDir, "run-", ".tera").toFile();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        maxRunRecords);
  }

  private static List<byte[]> randomRecords(int n, long seed) {
    Random random = new Random(seed);
    List<byte[]> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] record = new byte[RECORD];
      random.nextBytes(record); // bytes above 0x7f too: the order is unsigned
      records.add(record);
    }
    return records;
  }

  private static byte[] concatenated(Iterator<byte[]> records) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    records.forEachRemaining(r -> out.write(r, 0, r.length));
    return out.toByteArray();
  }

  private static byte[] expected(List<byte[]> records) {
    List<byte[]> sorted = new ArrayList<>(records);
    sorted.sort(Arrays::compareUnsigned);
    return concatenated(sorted.iterator());
  }

  private List<String> spillFiles() throws IOException {
    try (Stream<Path> files = Files.list(spillDir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void sortsRandomRecordsInMemoryByUnsignedBytes() throws IOException {
    List<byte[]> records = randomRecords(150_000, 1);
    UnifiedMemoryManager memory = memory(512);
    TeraRangeSorter sorter = sorter(memory, TeraRangeSorter.MAX_RUN_RECORDS);

    assertArrayEquals(expected(records), concatenated(sorter.sort(records.iterator())));
    assertEquals(150_000, sorter.records());
    assertEquals(List.of(), spillFiles(), "everything fit in memory");
    assertTrue(memory.executionMemoryUsed() > 0, "the records' memory is taken from Spark");
    sorter.release();
    assertEquals(0, memory.executionMemoryUsed());
  }

  @Test
  void recordsSharingLeadingBytesAndDuplicatesAreOrderedByAllTheirBytes() {
    // Keys tie on the first 9 bytes (above the bits the sort key holds); values decide; duplicates
    // stay.
    Random random = new Random(2);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      byte[] record = new byte[RECORD];
      record[0] = (byte) 0xC3;
      record[9] = (byte) random.nextInt(4);
      record[10 + random.nextInt(90)] = (byte) random.nextInt(256);
      records.add(record);
      if (i % 1000 == 0) {
        records.add(record.clone());
      }
    }
    TeraRangeSorter sorter = sorter(memory(512), TeraRangeSorter.MAX_RUN_RECORDS);

    assertArrayEquals(expected(records), concatenated(sorter.sort(records.iterator())));
    sorter.release();
  }

  @Test
  void rangeLargerThanTheGrantedMemorySpillsSortedRunsAndMergesThem() throws IOException {
    // 24 MB of execution memory holds 3 blocks (about 200,000 records): 500,000 records need 3
    // runs.
    List<byte[]> records = randomRecords(500_000, 3);
    UnifiedMemoryManager memory = memory(40);
    TeraRangeSorter sorter = sorter(memory, TeraRangeSorter.MAX_RUN_RECORDS);

    Iterator<byte[]> sorted = sorter.sort(records.iterator());
    assertEquals(3, spillFiles().size(), "runs spilled: " + spillFiles());
    assertArrayEquals(expected(records), concatenated(sorted));
    assertEquals(500_000, sorter.records());

    sorter.release();
    assertEquals(List.of(), spillFiles(), "spilled runs are deleted");
    assertEquals(0, memory.executionMemoryUsed());
  }

  @Test
  void runsAreCappedAtMaxRunRecordsEvenWithMemoryToSpare() throws IOException {
    List<byte[]> records = randomRecords(3 * TeraRangeSorter.BLOCK_RECORDS + 5, 4);
    TeraRangeSorter sorter = sorter(memory(512), TeraRangeSorter.BLOCK_RECORDS);

    Iterator<byte[]> sorted = sorter.sort(records.iterator());
    assertEquals(4, spillFiles().size());
    assertArrayEquals(expected(records), concatenated(sorted));
    sorter.release();
  }

  @Test
  void batchesOfManyRecordsAreSplitAcrossBlocks() {
    List<byte[]> records = randomRecords(2 * TeraRangeSorter.BLOCK_RECORDS + 333, 5);
    // Batches of 1,000 records: some straddle a block boundary.
    List<byte[]> batches = new ArrayList<>();
    for (int from = 0; from < records.size(); from += 1000) {
      batches.add(
          concatenated(records.subList(from, Math.min(records.size(), from + 1000)).iterator()));
    }
    TeraRangeSorter sorter = sorter(memory(512), TeraRangeSorter.MAX_RUN_RECORDS);

    assertArrayEquals(expected(records), concatenated(sorter.sort(batches.iterator())));
    assertEquals(records.size(), sorter.records());
    sorter.release();
  }

  @Test
  void bucketSortOrdersKeysAsArraysSortDoes() {
    Random random = new Random(7);
    long[] spread = random.longs(50_000).toArray();
    long[] narrow = random.longs(50_000, -1_000, 1_000).toArray(); // few buckets, many ties
    long[] extremes =
        random.longs(20_000).map(k -> k < 0 ? Long.MIN_VALUE : Long.MAX_VALUE).toArray();
    long[] small = random.longs(100).toArray();
    for (long[] keys : List.of(spread, narrow, extremes, small)) {
      long[] expected = keys.clone();
      Arrays.sort(expected);
      assertArrayEquals(expected, TeraRangeSorter.bucketSort(keys.clone()));
    }
  }

  @Test
  void emptyRangeGivesNoRecords() {
    TeraRangeSorter sorter = sorter(memory(64), TeraRangeSorter.MAX_RUN_RECORDS);
    assertFalse(sorter.sort(List.<byte[]>of().iterator()).hasNext());
    sorter.release();
  }

  @Test
  void rejectsRecordsOfAnotherLengthAndBadRunSizes() {
    TeraRangeSorter sorter = sorter(memory(64), TeraRangeSorter.MAX_RUN_RECORDS);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> sorter.sort(List.of(new byte[99]).iterator()));
    assertEquals("not whole 100-byte Tera records: 99 bytes", e.getMessage());
    sorter.release();
    assertThrows(IllegalArgumentException.class, () -> sorter(memory(64), 1000));
  }
}
