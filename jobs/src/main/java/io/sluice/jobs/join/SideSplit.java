package io.sluice.jobs.join;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;

/**
 * Whole input files of one join side, combined into one split so many small files make few tasks;
 * each record's key names its file ({@link io.sluice.jobs.mapreduce.FileLineNumber}).
 */
public class SideSplit extends CombineFileSplit {

  private JoinSide side;

  /** For Hadoop's deserialisation. */
  public SideSplit() {}

  public SideSplit(JoinSide side, CombineFileSplit files) throws IOException {
    super(files);
    this.side = side;
  }

  public JoinSide side() {
    return side;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    super.write(out);
    side.write(out);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    super.readFields(in);
    side = JoinSide.read(in);
  }

  @Override
  public String toString() {
    return side + ":" + super.toString();
  }
}
