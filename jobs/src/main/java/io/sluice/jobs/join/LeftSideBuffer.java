package io.sluice.jobs.join;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.Text;

/**
 * The left records of one join key, held while the key's right records stream past. Records stay in
 * memory up to a byte bound; beyond it every further record of the key goes to a local spill file,
 * which is re-read for each right record. A key with a huge left side therefore costs disk and
 * time, not heap.
 *
 * <p>The bound counts each record's bytes plus a fixed per-record overhead estimate, so many tiny
 * records are bounded too. The spill file lives in {@code java.io.tmpdir}, which YARN points at the
 * container's own directory.
 */
final class LeftSideBuffer implements Closeable {

  /**
   * Rough heap cost of one buffered record beyond its bytes: the Text, its array, the list slot.
   */
  static final int RECORD_OVERHEAD = 64;

  /** Does something with each buffered record; the Text is reused, copy it to keep it. */
  interface RecordAction {
    void accept(Text record) throws IOException, InterruptedException;
  }

  private final long maxBytesInMemory;
  private final List<Text> inMemory = new ArrayList<>();
  private long bytesInMemory;
  private long peakBytesInMemory;
  private Path spillFile;
  private DataOutputStream spillOut;
  private long spilledNow;
  private long spilledTotal;
  private long keysSpilled;
  private final Text replayed = new Text();

  LeftSideBuffer(long maxBytesInMemory) {
    this.maxBytesInMemory = maxBytesInMemory;
  }

  void add(Text record) throws IOException {
    long cost = (long) record.getLength() + RECORD_OVERHEAD;
    if (spilledNow == 0 && bytesInMemory + cost <= maxBytesInMemory) {
      inMemory.add(new Text(record));
      bytesInMemory += cost;
      peakBytesInMemory = Math.max(peakBytesInMemory, bytesInMemory);
      return;
    }
    if (spillOut == null) {
      spillFile = Files.createTempFile("sluice-join-left-", ".spill");
      spillOut =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16));
    }
    if (spilledNow == 0) {
      keysSpilled++;
    }
    record.write(spillOut);
    spilledNow++;
    spilledTotal++;
  }

  boolean isEmpty() {
    return inMemory.isEmpty() && spilledNow == 0;
  }

  /** Runs the action on every record of the current key, in the order they were added. */
  void forEach(RecordAction action) throws IOException, InterruptedException {
    for (Text record : inMemory) {
      action.accept(record);
    }
    if (spilledNow == 0) {
      return;
    }
    spillOut.flush();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(spillFile), 1 << 16))) {
      for (long i = 0; i < spilledNow; i++) {
        replayed.readFields(in);
        action.accept(replayed);
      }
    }
  }

  /**
   * Forgets the current key's records; the spill file is truncated, not deleted, for the next key.
   */
  void clear() throws IOException {
    inMemory.clear();
    bytesInMemory = 0;
    if (spilledNow > 0) {
      spillOut.close();
      spillOut =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16));
      spilledNow = 0;
    }
  }

  long spilledRecords() {
    return spilledTotal;
  }

  long keysSpilled() {
    return keysSpilled;
  }

  long peakBytesInMemory() {
    return peakBytesInMemory;
  }

  @Override
  public void close() throws IOException {
    inMemory.clear();
    if (spillOut != null) {
      spillOut.close();
      spillOut = null;
    }
    if (spillFile != null) {
      Files.deleteIfExists(spillFile);
      spillFile = null;
    }
  }
}
