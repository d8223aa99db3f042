package io.sluice.jobs.join;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The two inputs of a join. The order matters to MapReduce: records sort by key, then side, so a
 * reducer sees all left records of a key before its right records.
 */
public enum JoinSide {
  LEFT("left"),
  RIGHT("right");

  private final String id;

  JoinSide(String id) {
    this.id = id;
  }

  /** The name used in parameters ({@code --left-key}) and in rejected records. */
  public String id() {
    return id;
  }

  /** The Hadoop configuration key naming this side's input location. */
  String inputKey() {
    return "sluice.join." + id + ".input";
  }

  /** One byte in Writables (keys, splits): the side's position, which is also its sort order. */
  void write(DataOutput out) throws IOException {
    out.writeByte(ordinal());
  }

  static JoinSide read(DataInput in) throws IOException {
    return values()[in.readByte()];
  }

  @Override
  public String toString() {
    return id;
  }
}
