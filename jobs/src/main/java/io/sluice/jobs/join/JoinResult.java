package io.sluice.jobs.join;

import io.sluice.jobs.RecordCounts;

/**
 * What a MapReduce join run did: records read, accepted and rejected (both sides together), output
 * lines written, and how the left-side buffer coped with large keys (logged by the run, and checked
 * by tests that join skewed keys).
 *
 * @param leftRecordsSpilled left records written to a reducer's local spill file
 * @param keysSpilled join keys whose left side did not fit the buffer
 * @param leftBufferPeakBytes the largest in-memory left buffer of any reduce task, summed over
 *     reduce tasks; with one reduce task, that task's peak
 */
public record JoinResult(
    long read,
    long accepted,
    long rejected,
    long written,
    long leftRecordsSpilled,
    long keysSpilled,
    long leftBufferPeakBytes) {

  /** The record accounting, for the job base. */
  public RecordCounts counts() {
    return new RecordCounts(read, accepted, rejected, written);
  }
}
