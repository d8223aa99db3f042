package io.sluice.jobs.tera;

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
 * Checks that Tera data is sorted, like Hadoop's TeraValidate: a text report ({@code part-r-00000})
 * with one {@code error} line per misorder, bad partitioning or short record, the record count and
 * the checksum. Problems in the data are reported, not failures of the run; short records are also
 * rejected to {@code <output>/_rejected/}.
 */
public final class TeraValidateJob implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(TeraValidateJob.class);

  /** The report file, the name both engines write it under. */
  static final String REPORT_FILE = "part-r-00000";

  @Override
  public String name() {
    return "teravalidate";
  }

  @Override
  public String description() {
    return "Check that Tera data is sorted and report its checksum (as Hadoop's TeraValidate does)";
  }

  @Override
  public List<JobParameter> parameters() {
    return List.of(
        JobParameter.required(TeraJobs.INPUT, JobParameter.Type.LOCATION, "Sorted Tera data: the part-* files of a sort"),
        JobParameter.required(TeraJobs.OUTPUT, JobParameter.Type.LOCATION, "Directory to write the report into"),
        TeraJobs.overwrite());
  }

  @Override
  public Set<Engine> engines() {
    return EnumSet.of(Engine.SPARK, Engine.MAPREDUCE);
  }

  @Override
  public RunSummary.Counts run(Engine engine, JobParameters params, EngineContext context) {
    Configuration conf = context.hadoopConf();
    StorageUri input = params.location(TeraJobs.INPUT);
    long bytesIn = Locations.requireInput(TeraJobs.INPUT, input, conf);
    TeraInputScan scan = TeraInputScan.of(input, conf);
    List<ValidationReport.ShortRecord> shortRecords = scan.shortRecords().stream()
        .map(r -> new ValidationReport.ShortRecord(r.file(), r.offset(), r.bytes().length))
        .toList();
    StagedOutput output = StagedOutput.prepare(params.location(TeraJobs.OUTPUT), params.flag(TeraJobs.OVERWRITE), conf);
    try {
      ValidateResult result = switch (engine) {
        case MAPREDUCE -> TeraValidateMapReduce.run(conf, input, shortRecords, output.stagingPath());
        case SPARK -> TeraValidateSpark.run(context.spark(), input, shortRecords, output.stagingPath());
      };
      scan.writeRejected(output.stagingPath(), conf);
      output.commit();
      if (result.errors() > 0) {
        LOG.warn("{} is not valid Tera sort output: {} errors, listed in {}/{}",
            input.original(), result.errors(), params.string(TeraJobs.OUTPUT), REPORT_FILE);
      } else {
        LOG.info("{} is sorted: {} records", input.original(), result.records());
      }
      long rejected = scan.shortRecords().size();
      return new RunSummary.Counts(result.records() + rejected, result.records(), rejected, result.reportLines(),
          bytesIn, output.committedBytes());
    } catch (RuntimeException e) {
      output.abort();
      throw e;
    }
  }

  /** Whole records validated, errors found, and lines of the report written. */
  record ValidateResult(long records, long errors, long reportLines) {}
}
