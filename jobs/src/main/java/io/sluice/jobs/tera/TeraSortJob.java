package io.sluice.jobs.tera;

import static io.sluice.jobs.JobParameter.INPUT;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJob;
import io.sluice.storage.StorageUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts Tera data into {@code part-*} files that, read in name order, are ordered by the records'
 * unsigned bytes (the 10-byte key, then the value), as Hadoop's TeraValidate requires. A file
 * ending in a short record has it rejected to {@code <output>/_rejected/} with file and offset.
 */
public final class TeraSortJob extends SluiceJob {

  // Looked up when it logs, not when the class loads: the job registry instantiates every job for
  // `sluice jobs` and --help, which then need not start log4j (docs/BENCHMARKS.md, "Start-up").
  private static Logger log() {
    return LoggerFactory.getLogger(TeraSortJob.class);
  }

  public TeraSortJob() {
    super(
        "terasort",
        "Sort Tera data (100-byte records, 10-byte keys) into totally ordered part-* files",
        JobParameter.input("Tera file or directory to read"),
        JobParameter.output("Directory to write part-* files into"),
        TeraJobs.partitions("Output files, each a key range (reduce tasks or Spark partitions)"),
        JobParameter.overwrite());
  }

  @Override
  protected RecordCounts execute(JobRun run) {
    StorageUri input = run.location(INPUT);
    int partitions = run.parameters().intValue(TeraJobs.PARTITIONS);
    TeraInputScan scan = TeraInputScan.of(input, run.conf());
    scan.shortRecords()
        .forEach(
            r ->
                log()
                    .warn(
                        "rejecting the last {} bytes of {} (offset {}): {}",
                        r.bytes().length,
                        r.file(),
                        r.offset(),
                        r.reason()));
    // The engines count whole records; the short ones were measured by the scan.
    RecordCounts sorted =
        switch (run.engine()) {
          case MAPREDUCE -> TeraSortMapReduce.run(run.conf(), input, partitions, run.output());
          case SPARK ->
              TeraSortSpark.run(
                  run::sparkContext, run.conf(), input, scan, partitions, run.output());
        };
    TeraJobs.requireAllWritten(name(), sorted.accepted(), sorted.written());
    scan.writeRejected(run.output(), run.conf());
    long rejected = scan.shortRecords().size();
    return new RecordCounts(
        sorted.accepted() + rejected, sorted.accepted(), rejected, sorted.written());
  }
}
