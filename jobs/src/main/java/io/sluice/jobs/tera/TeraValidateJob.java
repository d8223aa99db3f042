package io.sluice.jobs.tera;

import static io.sluice.jobs.JobParameter.INPUT;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJob;
import io.sluice.storage.StorageUri;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that Tera data is sorted, like Hadoop's TeraValidate: a text report ({@code part-r-00000})
 * with one {@code error} line per misorder, bad partitioning or short record, the record count and
 * the checksum. Problems in the data are reported, not failures of the run; short records are also
 * rejected to {@code <output>/_rejected/}.
 */
public final class TeraValidateJob extends SluiceJob {

  // Looked up when it logs, not when the class loads: the job registry instantiates every job for
  // `sluice jobs` and --help, which then need not start log4j (docs/BENCHMARKS.md, "Start-up").
  private static Logger log() {
    return LoggerFactory.getLogger(TeraValidateJob.class);
  }

  /** The report file, the name both engines write it under. */
  static final String REPORT_FILE = "part-r-00000";

  public TeraValidateJob() {
    super(
        "teravalidate",
        "Check that Tera data is sorted and report its checksum (as Hadoop's TeraValidate does)",
        JobParameter.input("Sorted Tera data: the part-* files of a sort"),
        JobParameter.output("Directory to write the report into"),
        JobParameter.overwrite());
  }

  @Override
  protected RecordCounts execute(JobRun run) {
    StorageUri input = run.location(INPUT);
    TeraInputScan scan = TeraInputScan.of(input, run.conf());
    List<ValidationReport.ShortRecord> shortRecords =
        scan.shortRecords().stream()
            .map(r -> new ValidationReport.ShortRecord(r.file(), r.offset(), r.bytes().length))
            .toList();
    ValidateResult result =
        switch (run.engine()) {
          case MAPREDUCE ->
              TeraValidateMapReduce.run(run.conf(), input, shortRecords, run.output());
          case SPARK -> TeraValidateSpark.run(run.spark(), input, shortRecords, run.output());
        };
    scan.writeRejected(run.output(), run.conf());
    if (result.errors() > 0) {
      log()
          .warn(
              "{} is not valid Tera sort output: {} errors, listed in {}/{}",
              input.original(),
              result.errors(),
              run.outputName(),
              REPORT_FILE);
    } else {
      log().info("{} is sorted: {} records", input.original(), result.records());
    }
    long rejected = scan.shortRecords().size();
    return new RecordCounts(
        result.records() + rejected, result.records(), rejected, result.reportLines());
  }

  /** Whole records validated, errors found (logged), and lines of the report written. */
  record ValidateResult(long records, long errors, long reportLines) {}
}
