package io.sluice.jobs.tera;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.io.Writable;

/**
 * What validating one input split found: its records' count and checksum, its first and last key,
 * and the keys that sort before their predecessor. Summaries of all splits, in file and offset
 * order, are enough to check the whole input's order ({@link ValidationReport}).
 *
 * <p>A {@link Writable} for MapReduce and {@link Serializable} for Spark.
 */
public final class SplitSummary implements Writable, Serializable {
  private static final long serialVersionUID = 1L;

  /** Misorders kept as examples per split; the rest are only counted. */
  static final int MAX_EXAMPLES = 10;

  private String file;
  private long firstOffset;
  private long records;
  private TeraChecksum checksum = new TeraChecksum();
  private byte[] firstKey;
  private byte[] lastKey;
  private long misorders;
  private final List<Misorder> examples = new ArrayList<>();

  /** A key at {@code offset} of a file that sorts before the key of the record before it. */
  public record Misorder(long offset, byte[] previousKey, byte[] key) implements Serializable {}

  /** For Hadoop's deserialization. */
  public SplitSummary() {}

  /**
   * A summary of the records starting at {@code firstOffset} of {@code file}, to be fed in order.
   */
  public SplitSummary(String file, long firstOffset) {
    this.file = file;
    this.firstOffset = firstOffset;
  }

  /** Takes the next record of the split. */
  public void add(byte[] record) {
    checksum.addRecord(record);
    if (firstKey == null) {
      firstKey = Arrays.copyOf(record, TeraFormat.KEY_LENGTH);
      lastKey = firstKey.clone();
    } else {
      if (TeraFormat.compare(record, lastKey, TeraFormat.KEY_LENGTH) < 0) {
        misorders++;
        if (examples.size() < MAX_EXAMPLES) {
          examples.add(
              new Misorder(
                  firstOffset + records * TeraFormat.RECORD_LENGTH,
                  lastKey.clone(),
                  Arrays.copyOf(record, TeraFormat.KEY_LENGTH)));
        }
      }
      System.arraycopy(record, 0, lastKey, 0, TeraFormat.KEY_LENGTH);
    }
    records++;
  }

  public String file() {
    return file;
  }

  public long firstOffset() {
    return firstOffset;
  }

  public long records() {
    return records;
  }

  public TeraChecksum checksum() {
    return new TeraChecksum(checksum.hi(), checksum.lo());
  }

  /** The first key, or null when the split held no record. */
  public byte[] firstKey() {
    return firstKey;
  }

  public byte[] lastKey() {
    return lastKey;
  }

  public long misorders() {
    return misorders;
  }

  public List<Misorder> examples() {
    return examples;
  }

  /** Offset of the byte after the last record: where the next split's first record must follow. */
  long endOffset() {
    return firstOffset + records * TeraFormat.RECORD_LENGTH;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeUTF(file);
    out.writeLong(firstOffset);
    out.writeLong(records);
    out.writeLong(checksum.hi());
    out.writeLong(checksum.lo());
    writeKey(out, firstKey);
    writeKey(out, lastKey);
    out.writeLong(misorders);
    out.writeInt(examples.size());
    for (Misorder m : examples) {
      out.writeLong(m.offset());
      writeKey(out, m.previousKey());
      writeKey(out, m.key());
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    file = in.readUTF();
    firstOffset = in.readLong();
    records = in.readLong();
    checksum = new TeraChecksum(in.readLong(), in.readLong());
    firstKey = readKey(in);
    lastKey = readKey(in);
    misorders = in.readLong();
    examples.clear();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      examples.add(new Misorder(in.readLong(), readKey(in), readKey(in)));
    }
  }

  private static void writeKey(DataOutput out, byte[] key) throws IOException {
    out.writeBoolean(key != null);
    if (key != null) {
      out.write(key);
    }
  }

  private static byte[] readKey(DataInput in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    byte[] key = new byte[TeraFormat.KEY_LENGTH];
    in.readFully(key);
    return key;
  }
}
