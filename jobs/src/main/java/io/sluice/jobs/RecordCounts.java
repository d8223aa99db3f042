package io.sluice.jobs;

import java.util.Locale;

/**
 * The records a job's logic accounted for: read = accepted + rejected, and the records written to
 * the output (fewer than accepted when the job aggregates). The job base adds bytes in and out.
 *
 * @param read input records read (header lines and other non-records excluded)
 * @param accepted records that went into the output, directly or aggregated
 * @param rejected records set aside under {@code <output>/_rejected/} with a reason
 * @param written records in the committed output
 */
public record RecordCounts(long read, long accepted, long rejected, long written) {

  public RecordCounts {
    if (read < 0 || accepted < 0 || rejected < 0 || written < 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "record counts cannot be negative: read=%d accepted=%d rejected=%d written=%d",
              read,
              accepted,
              rejected,
              written));
    }
  }

  /** Every record read was accepted (nothing can be rejected). */
  public static RecordCounts allAccepted(long read, long written) {
    return new RecordCounts(read, read, 0, written);
  }

  /** The full counts, with bytes, checked to add up. */
  RunSummary.Counts withBytes(String job, long bytesIn, long bytesOut) {
    return new RunSummary.Counts(read, accepted, rejected, written, bytesIn, bytesOut)
        .verified(job);
  }
}
