package io.sluice.jobs.mapreduce;

import org.apache.hadoop.io.LongWritable;

/** Sums of the counts a reducer receives for one key. */
public final class LongValues {

  private LongValues() {}

  public static long sum(Iterable<LongWritable> values) {
    long sum = 0;
    for (LongWritable v : values) {
      sum += v.get();
    }
    return sum;
  }
}
