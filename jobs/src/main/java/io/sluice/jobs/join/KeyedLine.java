package io.sluice.jobs.join;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;

/**
 * A joined output line with its join key, in the join's output order: by key, then by the whole
 * line, both as UTF-8 bytes (unsigned), as Hadoop compares {@link Text} and Spark compares strings.
 */
public final class KeyedLine implements WritableComparable<KeyedLine> {

  private final Text key = new Text();
  private final Text line = new Text();

  public KeyedLine() {}

  public KeyedLine(String key, String line) {
    this.key.set(key);
    this.line.set(line);
  }

  public Text key() {
    return key;
  }

  public Text line() {
    return line;
  }

  /**
   * Sets the key and the line {@code key + leftFields + rightFields}, without decoding the bytes.
   */
  void set(Text joinKey, Text leftFields, byte[] rightFields, int rightLength) {
    key.set(joinKey);
    line.set(joinKey);
    line.append(leftFields.getBytes(), 0, leftFields.getLength());
    line.append(rightFields, 0, rightLength);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    key.write(out);
    line.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    key.readFields(in);
    line.readFields(in);
  }

  @Override
  public int compareTo(KeyedLine other) {
    int byKey = key.compareTo(other.key);
    return byKey != 0 ? byKey : line.compareTo(other.line);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyedLine other && key.equals(other.key) && line.equals(other.line);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + line.hashCode();
  }

  @Override
  public String toString() {
    return line.toString();
  }
}
