package io.sluice.jobs.tera;

import io.sluice.jobs.SluiceJobException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import org.apache.spark.memory.MemoryConsumer;
import org.apache.spark.memory.MemoryMode;
import org.apache.spark.memory.TaskMemoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts the raw 100-byte records of one key range by unsigned bytes, with the memory Spark's task
 * memory manager grants. Records are copied into blocks of 2^16 records, one {@code byte[]} each
 * (no object per record is kept); a sort orders one {@code long} per record that holds the record's
 * leading key bits above its index, and only records whose leading bits tie are compared in full.
 * When Spark grants no memory for another block, the records held so far are sorted and spilled to
 * a local file as a run, and the runs are merged at the end, so a range larger than memory is still
 * sorted correctly.
 *
 * <p>One sorter serves one task: create it, pass the range's record batches to {@link #sort}, read
 * the sorted records from the iterator it returns, {@link #release} when the task ends.
 */
final class TeraRangeSorter extends MemoryConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(TeraRangeSorter.class);

  private static final int RECORD = TeraFormat.RECORD_LENGTH;

  /** Records per block: 2^16 records, 6.5 MB, small enough to be granted under memory pressure. */
  static final int BLOCK_RECORDS = 1 << 16;

  /**
   * A block's bytes plus the two 8-byte sort keys each of its records needs while the run is sorted
   * (the keys and the buckets they are distributed into).
   */
  private static final long BLOCK_MEMORY = (long) BLOCK_RECORDS * (RECORD + 2 * Long.BYTES);

  /** Runs hold at most 2^24 records, so at least 40 key bits sit above the index in a sort key. */
  static final int MAX_RUN_RECORDS = 1 << 24;

  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final Supplier<File> spillFiles;
  private final int maxRunRecords;
  private final List<byte[]> blocks = new ArrayList<>();
  private final List<File> spills = new ArrayList<>();
  private int runRecords;
  private long spilledRecords;

  /**
   * @param spillFiles new files for runs that do not fit in memory (in Spark's local directories)
   * @param maxRunRecords records a run may hold even when memory is granted; a multiple of {@link
   *     #BLOCK_RECORDS} up to {@link #MAX_RUN_RECORDS} (tests lower it to force spills)
   */
  TeraRangeSorter(TaskMemoryManager memory, Supplier<File> spillFiles, int maxRunRecords) {
    super(memory, MemoryMode.ON_HEAP);
    if (maxRunRecords < BLOCK_RECORDS
        || maxRunRecords > MAX_RUN_RECORDS
        || maxRunRecords % BLOCK_RECORDS != 0) {
      throw new IllegalArgumentException(
          "maxRunRecords must be a multiple of "
              + BLOCK_RECORDS
              + " up to "
              + MAX_RUN_RECORDS
              + ", got "
              + maxRunRecords);
    }
    this.spillFiles = spillFiles;
    this.maxRunRecords = maxRunRecords;
  }

  /**
   * Reads all of {@code batches} (each whole 100-byte Tera records) and returns the records sorted.
   */
  Iterator<byte[]> sort(Iterator<byte[]> batches) {
    try {
      long start = System.nanoTime();
      while (batches.hasNext()) {
        add(batches.next());
      }
      long read = System.nanoTime();
      SortedRun inMemory = sortRun();
      LOG.info(
          "{} records read in {} ms, the last {} sorted in memory in {} ms",
          records(),
          (read - start) / 1_000_000,
          runRecords,
          (System.nanoTime() - read) / 1_000_000);
      if (spills.isEmpty()) {
        return inMemory;
      }
      spillRun(inMemory);
      LOG.info("merging {} sorted runs of {} records in all", spills.size(), spilledRecords);
      return new MergedRuns(spills);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "terasort could not spill or reread a sorted run: " + e.getMessage(), e);
    }
  }

  /** Records held in memory or spilled so far. */
  long records() {
    return spilledRecords + runRecords;
  }

  private void add(byte[] batch) throws IOException {
    if (batch.length % RECORD != 0) {
      throw new IllegalArgumentException(
          "not whole " + RECORD + "-byte Tera records: " + batch.length + " bytes");
    }
    int count = batch.length / RECORD;
    int copied = 0;
    while (copied < count) {
      int slot = runRecords % BLOCK_RECORDS;
      if (slot == 0 && !reserveBlock()) {
        spillRun(sortRun());
        if (!reserveBlock()) {
          throw new SluiceJobException(
              "Spark granted terasort no memory for "
                  + BLOCK_MEMORY
                  + " bytes of records"
                  + " even with nothing held; give Spark more execution memory (spark.executor.memory, spark.memory.fraction)");
        }
      }
      // As many records as fit in the current block.
      int n = Math.min(count - copied, BLOCK_RECORDS - slot);
      System.arraycopy(
          batch, copied * RECORD, blocks.get(blocks.size() - 1), slot * RECORD, n * RECORD);
      runRecords += n;
      copied += n;
    }
  }

  /** Adds a block if the run may grow and Spark grants its memory. */
  private boolean reserveBlock() {
    if (runRecords >= maxRunRecords) {
      return false;
    }
    long granted = acquireMemory(BLOCK_MEMORY);
    if (granted < BLOCK_MEMORY) {
      freeMemory(granted);
      return false;
    }
    blocks.add(new byte[BLOCK_RECORDS * RECORD]);
    return true;
  }

  /**
   * Sorts the records held in memory. A sort key is the record's first {@code 64 - b} bits above
   * its {@code b}-bit index, sign bit flipped so that signed order is unsigned order; records whose
   * leading bits tie are then ordered by all their bytes.
   */
  private SortedRun sortRun() {
    int n = runRecords;
    int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long leading =
          (long) BIG_ENDIAN_LONG.get(blocks.get(i / BLOCK_RECORDS), (i % BLOCK_RECORDS) * RECORD);
      keys[i] = ((leading >>> indexBits) << indexBits | i) ^ Long.MIN_VALUE;
    }
    keys = bucketSort(keys);
    // Ties on the leading bits: order each tied group by the whole record (only the index bits
    // change).
    int groupStart = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || (keys[i] >>> indexBits) != (keys[groupStart] >>> indexBits)) {
        if (i - groupStart > 1) {
          sortByRecord(keys, groupStart, i, indexBits);
        }
        groupStart = i;
      }
    }
    return new SortedRun(new ArrayList<>(blocks), keys, (1L << indexBits) - 1);
  }

  /**
   * Sorts the keys: one counting pass distributes them into about n/8 buckets by their leading
   * bits, then each bucket (a few keys, in cache) is sorted on its own. Keys of random records
   * spread evenly, so this does about a third of the work of one sort over all of them.
   */
  static long[] bucketSort(long[] keys) {
    int n = keys.length;
    if (n < 1 << 12) {
      Arrays.sort(keys);
      return keys;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long k : keys) {
      min = Math.min(min, k);
      max = Math.max(max, k);
    }
    // Offsets from min, unsigned, keep the keys' signed order; bucket by their top bucketBits bits.
    int spanBits = 64 - Long.numberOfLeadingZeros(max - min);
    int bucketBits = Math.min(spanBits, Math.min(20, 31 - Integer.numberOfLeadingZeros(n) - 3));
    int shift = spanBits - bucketBits;
    int[] starts = new int[(1 << bucketBits) + 1];
    for (long k : keys) {
      starts[(int) ((k - min) >>> shift) + 1]++;
    }
    for (int b = 1; b < starts.length; b++) {
      starts[b] += starts[b - 1];
    }
    long[] sorted = new long[n];
    int[] next = Arrays.copyOf(starts, starts.length - 1);
    for (long k : keys) {
      sorted[next[(int) ((k - min) >>> shift)]++] = k;
    }
    for (int b = 0; b < starts.length - 1; b++) {
      if (starts[b + 1] - starts[b] > 1) {
        Arrays.sort(sorted, starts[b], starts[b + 1]);
      }
    }
    return sorted;
  }

  private void sortByRecord(long[] keys, int from, int to, int indexBits) {
    long indexMask = (1L << indexBits) - 1;
    long leading = keys[from] & ~indexMask;
    Integer[] group = new Integer[to - from];
    for (int i = from; i < to; i++) {
      group[i - from] = (int) (keys[i] & indexMask);
    }
    Arrays.sort(
        group,
        (a, b) ->
            Arrays.compareUnsigned(
                blocks.get(a / BLOCK_RECORDS),
                (a % BLOCK_RECORDS) * RECORD,
                (a % BLOCK_RECORDS) * RECORD + RECORD,
                blocks.get(b / BLOCK_RECORDS),
                (b % BLOCK_RECORDS) * RECORD,
                (b % BLOCK_RECORDS) * RECORD + RECORD));
    for (int i = from; i < to; i++) {
      keys[i] = leading | group[i - from];
    }
  }

  /** Writes a sorted run to a new local file and releases its memory. */
  private void spillRun(SortedRun run) throws IOException {
    File file = spillFiles.get();
    spills.add(file);
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(file.toPath()), 1 << 16)) {
      while (run.hasNext()) {
        out.write(run.next());
      }
    }
    LOG.info(
        "spilled a sorted run of {} records ({} bytes) to {}",
        runRecords,
        (long) runRecords * RECORD,
        file);
    spilledRecords += runRecords;
    runRecords = 0;
    blocks.clear();
    freeMemory(getUsed());
  }

  /** Frees the memory and deletes the spilled runs; the iterator must not be read afterwards. */
  void release() {
    blocks.clear();
    freeMemory(getUsed());
    for (File file : spills) {
      try {
        Files.deleteIfExists(file.toPath());
      } catch (IOException e) {
        LOG.warn("could not delete the spilled run {}: {}", file, e.toString());
      }
    }
    spills.clear();
  }

  /**
   * Spark asks consumers to spill when another one needs memory; this sorter spills on its own when
   * refused.
   */
  @Override
  public long spill(long size, MemoryConsumer trigger) {
    return 0;
  }

  /** The records of a sorted in-memory run, in order, each returned in one reused buffer. */
  private static final class SortedRun implements Iterator<byte[]> {
    private final List<byte[]> blocks;
    private final long[] keys;
    private final long indexMask;
    private final byte[] record = new byte[RECORD];
    private int next;

    SortedRun(List<byte[]> blocks, long[] keys, long indexMask) {
      this.blocks = blocks;
      this.keys = keys;
      this.indexMask = indexMask;
    }

    @Override
    public boolean hasNext() {
      return next < keys.length;
    }

    @Override
    public byte[] next() {
      if (next >= keys.length) {
        throw new NoSuchElementException();
      }
      int i = (int) (keys[next++] & indexMask);
      System.arraycopy(
          blocks.get(i / BLOCK_RECORDS), (i % BLOCK_RECORDS) * RECORD, record, 0, RECORD);
      return record;
    }
  }

  /**
   * Merges spilled runs: the smallest current record of all runs next, each returned in a reused
   * buffer.
   */
  private static final class MergedRuns implements Iterator<byte[]> {
    private final PriorityQueue<RunReader> heads =
        new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.record, b.record));
    private final byte[] record = new byte[RECORD];

    MergedRuns(List<File> runs) throws IOException {
      for (File run : runs) {
        RunReader reader = new RunReader(run);
        if (reader.advance()) {
          heads.add(reader);
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public byte[] next() {
      RunReader smallest = heads.poll();
      if (smallest == null) {
        throw new NoSuchElementException();
      }
      System.arraycopy(smallest.record, 0, record, 0, RECORD);
      try {
        if (smallest.advance()) {
          heads.add(smallest);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the spilled run " + smallest.file + ": " + e.getMessage(), e);
      }
      return record;
    }
  }

  private static final class RunReader {
    private final File file;
    private final DataInputStream in;
    private final byte[] record = new byte[RECORD];

    RunReader(File file) throws IOException {
      this.file = file;
      InputStream raw = Files.newInputStream(file.toPath());
      this.in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
    }

    /** Reads the next record; false (and the file closed) at the end of the run. */
    boolean advance() throws IOException {
      int first = in.read();
      if (first < 0) {
        in.close();
        return false;
      }
      record[0] = (byte) first;
      try {
        in.readFully(record, 1, RECORD - 1);
      } catch (EOFException e) {
        throw new IOException("the spilled run " + file + " ends inside a record", e);
      }
      return true;
    }
  }
}
