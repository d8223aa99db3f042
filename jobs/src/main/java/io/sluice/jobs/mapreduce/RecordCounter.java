package io.sluice.jobs.mapreduce;

/** The MapReduce counters every Sluice job keeps for its record accounting. */
public enum RecordCounter {
  /** Input records read. */
  READ,
  /** Input records that passed into the output (directly or aggregated). */
  ACCEPTED,
  /** Input records set aside with a reason. */
  REJECTED
}
