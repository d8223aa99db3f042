package io.sluice.jobs.join;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/** A whole input file and the join side it belongs to. */
public class SideSplit extends FileSplit {

  private JoinSide side;

  /** For Hadoop's deserialisation. */
  public SideSplit() {}

  public SideSplit(JoinSide side, Path file, long length, String[] hosts) {
    super(file, 0, length, hosts);
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
