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
 * Sorts Tera data into {@code part-*} files that, read in name order, are ordered by the records'
 * unsigned bytes (the 10-byte key, then the value), as Hadoop's TeraValidate requires. A file
 * ending in a short record has it rejected to {@code <output>/_rejected/} with file and offset.
 */
public final class TeraSortJob implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(TeraSortJob.class);

  @Override
  public String name() {
    return "terasort";
  }

  @Override
  public String description() {
    return "Sort Tera data (100-byte records, 10-byte keys) into totally ordered part-* files";
  }

  @Override
  public List<JobParameter> parameters() {
    return List.of(
        JobParameter.required(TeraJobs.INPUT, JobParameter.Type.LOCATION, "Tera file or directory to read"),
        JobParameter.required(TeraJobs.OUTPUT, JobParameter.Type.LOCATION, "Directory to write part-* files into"),
        TeraJobs.partitions("Output files, each a key range (reduce tasks or Spark partitions)"),
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
    int partitions = TeraJobs.partitions(params);
    TeraInputScan scan = TeraInputScan.of(input, conf);
    scan.shortRecords().forEach(r -> LOG.warn("rejecting the last {} bytes of {} (offset {}): {}",
        r.bytes().length, r.file(), r.offset(), r.reason()));
    StagedOutput output = StagedOutput.prepare(params.location(TeraJobs.OUTPUT), params.flag(TeraJobs.OVERWRITE), conf);
    try {
      SortResult result = switch (engine) {
        case MAPREDUCE -> TeraSortMapReduce.run(conf, input, partitions, output.stagingPath());
        case SPARK -> TeraSortSpark.run(context.spark(), input, scan, partitions, output.stagingPath());
      };
      TeraJobs.requireAllWritten(name(), result.accepted(), result.written());
      scan.writeRejected(output.stagingPath(), conf);
      output.commit();
      long rejected = scan.shortRecords().size();
      return new RunSummary.Counts(result.accepted() + rejected, result.accepted(), rejected, result.written(),
          bytesIn, output.committedBytes());
    } catch (RuntimeException e) {
      output.abort();
      throw e;
    }
  }

  /** Whole records the engine read and accepted, and records it wrote. */
  record SortResult(long accepted, long written) {}
}
