package io.sluice.jobs.join;

/**
 * What a join run did: records read, accepted and rejected (both sides together), output lines
 * written, and, for MapReduce, how the left-side buffer coped with large keys.
 *
 * @param leftRecordsSpilled left records written to a reducer's local spill file (MapReduce; 0 on Spark)
 * @param keysSpilled join keys whose left side did not fit the buffer (MapReduce; 0 on Spark)
 * @param leftBufferPeakBytes the largest in-memory left buffer of any reduce task, summed over reduce
 *     tasks (MapReduce; 0 on Spark); with one reduce task, that task's peak
 */
public record JoinResult(long read, long accepted, long rejected, long written,
    long leftRecordsSpilled, long keysSpilled, long leftBufferPeakBytes) {}
