package io.sluice.jobs.join;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * A MapReduce join record's key: the join key and the side it came from. Records sort by key, then
 * side (left first); they are partitioned and grouped by the join key alone, so one reduce call
 * gets a key's left records, then its right records, and {@link #side()} tells which is which while
 * the values are iterated (Hadoop refills the key object for every value).
 */
public final class JoinKey implements WritableComparable<JoinKey> {

  private final Text key = new Text();
  private JoinSide side = JoinSide.LEFT;

  public JoinKey() {}

  public JoinKey(String key, JoinSide side) {
    set(key, side);
  }

  public void set(String key, JoinSide side) {
    this.key.set(key);
    this.side = side;
  }

  public Text key() {
    return key;
  }

  public JoinSide side() {
    return side;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    key.write(out);
    side.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    key.readFields(in);
    side = JoinSide.read(in);
  }

  @Override
  public int compareTo(JoinKey other) {
    int byKey = key.compareTo(other.key);
    return byKey != 0 ? byKey : side.compareTo(other.side);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JoinKey other && key.equals(other.key) && side == other.side;
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + side.ordinal();
  }

  @Override
  public String toString() {
    return side + ":" + key;
  }

  /** Groups a reduce call by the join key, ignoring the side. */
  public static final class KeyGrouping extends WritableComparator {
    public KeyGrouping() {
      super(JoinKey.class, true);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public int compare(WritableComparable a, WritableComparable b) {
      return ((JoinKey) a).key.compareTo(((JoinKey) b).key);
    }
  }

  /** Sends both sides of a key to the same reducer. */
  public static final class KeyPartitioner extends Partitioner<JoinKey, Text> {
    @Override
    public int getPartition(JoinKey joinKey, Text fields, int partitions) {
      return (joinKey.key.hashCode() & Integer.MAX_VALUE) % partitions;
    }
  }
}
