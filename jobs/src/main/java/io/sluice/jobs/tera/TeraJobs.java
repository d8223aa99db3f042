package io.sluice.jobs.tera;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.SluiceJobException;
import java.util.Locale;

/** Parameters and checks the three Tera jobs share. */
final class TeraJobs {

  static final String PARTITIONS = "partitions";

  private TeraJobs() {}

  static JobParameter partitions(String description) {
    return JobParameter.optional(PARTITIONS, JobParameter.Type.INT, description, "2").atLeast(1);
  }

  /** A sort or generator writes every record it accepted; anything else lost or duplicated data. */
  static void requireAllWritten(String job, long accepted, long written) {
    if (accepted != written) {
      throw new SluiceJobException(
          String.format(
              Locale.ROOT,
              "%s: accepted %d records but wrote %d; the output is incomplete and was not committed",
              job,
              accepted,
              written));
    }
  }
}
