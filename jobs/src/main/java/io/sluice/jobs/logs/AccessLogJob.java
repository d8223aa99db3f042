package io.sluice.jobs.logs;

import static io.sluice.jobs.JobParameter.INPUT;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access-log analytics (the Amazon EMR tutorial workload) over Apache combined and CloudFront
 * standard logs: requests per operating system per day, the top N paths, the status-code mix and
 * bytes served per day, one CSV report per sub-directory of the output (see {@link Report}).
 *
 * <p>Records are log lines. Lines that cannot be read go to {@code _rejected/} with file, line
 * number and reason; CloudFront's {@code #} header lines are not records and are only logged. Days
 * are UTC days. Both engines write byte-identical reports.
 */
public final class AccessLogJob extends SluiceJob {

  // Looked up when it logs, not when the class loads: the job registry instantiates every job for
  // `sluice jobs` and --help, which then need not start log4j (docs/BENCHMARKS.md, "Start-up").
  private static Logger log() {
    return LoggerFactory.getLogger(AccessLogJob.class);
  }

  static final JobParameter FORMAT =
      JobParameter.optional(
              "format",
              JobParameter.Type.STRING,
              "Log format: apache, cloudfront, or auto (decided line by line)",
              "auto")
          .oneOf("auto", "apache", "cloudfront");
  static final JobParameter TOP =
      JobParameter.optional(
              "top", JobParameter.Type.INT, "How many URIs the top_uris report lists", "10")
          .atLeast(1);

  public AccessLogJob() {
    super(
        "logs",
        "Access-log reports (Apache combined, CloudFront): requests by OS and day, top URIs, status codes, bytes by day",
        JobParameter.input("Log file or directory (gzip allowed) to read"),
        JobParameter.output(
            "Directory for the reports: os_by_day/, top_uris/, status_codes/, bytes_by_day/ and _rejected/"),
        JobParameter.overwrite(),
        FORMAT,
        TOP);
  }

  /** Refuses an input without files: it would commit empty reports that look like a success. */
  @Override
  protected void checkInputs(JobRun run) {
    run.inputFiles(INPUT);
  }

  @Override
  protected RecordCounts execute(JobRun run) {
    AccessLogFormat format = AccessLogFormat.parse(run.parameters().string(FORMAT.name()));
    int top = run.parameters().intValue(TOP.name());
    Result result =
        switch (run.engine()) {
          case MAPREDUCE ->
              AccessLogMapReduce.run(run.conf(), run.location(INPUT), run.output(), format, top);
          case SPARK ->
              AccessLogSpark.run(
                  run.spark(), run.conf(), run.location(INPUT), run.output(), format, top);
        };
    if (result.headerLines() > 0) {
      log()
          .info(
              "skipped {} CloudFront header lines (#Version, #Fields); they are not records",
              result.headerLines());
    }
    return result.counts();
  }

  /**
   * Lines read (header lines excluded), accepted and rejected; report rows written; header lines
   * seen (logged).
   */
  record Result(long read, long accepted, long rejected, long written, long headerLines) {

    RecordCounts counts() {
      return new RecordCounts(read, accepted, rejected, written);
    }
  }
}
