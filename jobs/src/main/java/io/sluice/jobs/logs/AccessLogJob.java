package io.sluice.jobs.logs;

import io.sluice.jobs.InputFiles;
import io.sluice.jobs.EngineFailure;
import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.Locations;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.StagedOutput;
import io.sluice.storage.StorageUri;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access-log analytics (the Amazon EMR tutorial workload) over Apache combined and CloudFront
 * standard logs: requests per operating system per day, the top N paths, the status-code mix and
 * bytes served per day, one CSV report per sub-directory of the output (see {@link Report}).
 *
 * <p>Records are log lines. Lines that cannot be read go to {@code _rejected/} with file, line
 * number and reason; CloudFront's {@code #} header lines are not records and are only logged.
 * Days are UTC days. Both engines write byte-identical reports.
 */
public final class AccessLogJob implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(AccessLogJob.class);

  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final String OVERWRITE = "overwrite";
  static final String FORMAT = "format";
  static final String TOP = "top";

  @Override
  public String name() {
    return "logs";
  }

  @Override
  public String description() {
    return "Access-log reports (Apache combined, CloudFront): requests by OS and day, top URIs, status codes, bytes by day";
  }

  @Override
  public List<JobParameter> parameters() {
    return List.of(
        JobParameter.required(INPUT, JobParameter.Type.LOCATION, "Log file or directory (gzip allowed) to read"),
        JobParameter.required(OUTPUT, JobParameter.Type.LOCATION,
            "Directory for the reports: os_by_day/, top_uris/, status_codes/, bytes_by_day/ and _rejected/"),
        JobParameter.flag(OVERWRITE, "Replace the output directory if it exists"),
        JobParameter.optional(FORMAT, JobParameter.Type.STRING,
            "Log format: apache, cloudfront, or auto (decided line by line)", "auto"),
        JobParameter.optional(TOP, JobParameter.Type.INT, "How many URIs the top_uris report lists", "10"));
  }

  @Override
  public Set<Engine> engines() {
    return EnumSet.of(Engine.SPARK, Engine.MAPREDUCE);
  }

  @Override
  public RunSummary.Counts run(Engine engine, JobParameters params, EngineContext context) {
    Configuration conf = context.hadoopConf();
    AccessLogFormat format = AccessLogFormat.parse(params.string(FORMAT));
    int top = params.intValue(TOP);
    if (top < 1) {
      throw new BadInputException("--top must be at least 1, got " + top);
    }
    StorageUri input = params.location(INPUT);
    long bytesIn = Locations.requireInput(INPUT, input, conf);
    InputFiles.require(INPUT, input, conf);
    StagedOutput output = StagedOutput.prepare(params.location(OUTPUT), params.flag(OVERWRITE), conf);
    try {
      Result result = switch (engine) {
        case MAPREDUCE -> AccessLogMapReduce.run(conf, input, output.stagingPath(), format, top);
        case SPARK -> AccessLogSpark.run(context.spark(), conf, input, output.stagingPath(), format, top);
      };
      output.commit();
      if (result.headerLines() > 0) {
        LOG.info("skipped {} CloudFront header lines (#Version, #Fields); they are not records", result.headerLines());
      }
      if (result.rejected() > 0) {
        LOG.warn("{} lines could not be read; see {}/_rejected/", result.rejected(), params.string(OUTPUT));
      }
      return new RunSummary.Counts(result.read(), result.accepted(), result.rejected(), result.written(),
          bytesIn, output.committedBytes());
    } catch (Exception e) {
      // Exception, not RuntimeException: Spark throws its checked SparkException undeclared.
      output.abort();
      throw e instanceof RuntimeException r ? r : EngineFailure.of(name(), engine, e);
    }
  }

  /** Lines read (header lines excluded), accepted and rejected; report rows written; header lines seen. */
  record Result(long read, long accepted, long rejected, long written, long headerLines) {}
}
