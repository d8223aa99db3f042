package io.sluice.jobs.grep;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;

/**
 * A matched text with its count, in grep's output order: count descending, then the text's UTF-8
 * bytes ascending (unsigned, as Hadoop compares {@link Text} and Spark compares strings). Sorting
 * by both makes the output a total order, so both engines write the same bytes.
 */
public final class CountedMatch implements WritableComparable<CountedMatch> {

  private long count;
  private final Text match = new Text();

  public CountedMatch() {}

  public CountedMatch(long count, String match) {
    set(count, match);
  }

  public void set(long count, String match) {
    this.count = count;
    this.match.set(match);
  }

  public void set(long count, Text match) {
    this.count = count;
    this.match.set(match);
  }

  public long count() {
    return count;
  }

  public Text match() {
    return match;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(count);
    match.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    count = in.readLong();
    match.readFields(in);
  }

  @Override
  public int compareTo(CountedMatch other) {
    int byCount = Long.compare(other.count, count);
    return byCount != 0 ? byCount : match.compareTo(other.match);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountedMatch other && count == other.count && match.equals(other.match);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + match.hashCode();
  }

  /** The output line, {@code count<TAB>match}. */
  @Override
  public String toString() {
    return count + "\t" + match;
  }
}
