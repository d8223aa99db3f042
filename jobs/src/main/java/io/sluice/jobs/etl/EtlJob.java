package io.sluice.jobs.etl;

import static io.sluice.jobs.JobParameter.INPUT;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.InputFiles;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJob;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV or JSON Lines to partitioned Parquet against a declared schema ({@link EtlSchema}): values
 * are trimmed and coerced to their types, rows are de-duplicated on the key (the row read last
 * wins: files in path order, lines in order), and the output is committed atomically.
 *
 * <p>Accounting: read = accepted + rejected, where accepted rows fit the schema (duplicates
 * included) and rejected rows went to {@code _rejected/} with the field and the reason; written =
 * accepted - duplicates dropped. CSV header lines are not records. An input with no files, or a CSV
 * header lacking a schema column, fails before anything runs (exit 2).
 */
public final class EtlJob extends SluiceJob {

  // Looked up when it logs, not when the class loads: the job registry instantiates every job for
  // `sluice jobs` and --help, which then need not start log4j (docs/BENCHMARKS.md, "Start-up").
  private static Logger log() {
    return LoggerFactory.getLogger(EtlJob.class);
  }

  static final JobParameter SCHEMA =
      JobParameter.required(
          "schema",
          JobParameter.Type.LOCATION,
          "Schema file (JSON, or YAML if it ends in .yaml/.yml): fields (name, type, nullable), key, partitionBy");
  static final JobParameter FORMAT =
      JobParameter.optional("format", JobParameter.Type.STRING, "Input format: csv or jsonl", "csv")
          .oneOf("csv", "jsonl");

  public EtlJob() {
    super(
        "etl",
        "CSV or JSON Lines to partitioned Parquet against a declared schema, de-duplicated on its key",
        JobParameter.input("File or directory of CSV (with header) or JSON Lines"),
        JobParameter.output("Directory for the Parquet output and _rejected/"),
        SCHEMA,
        FORMAT,
        JobParameter.overwrite());
  }

  /**
   * Loads the schema, refuses an input without files, and checks every CSV header against the
   * schema.
   */
  @Override
  protected void checkInputs(JobRun run) {
    EtlSchema schema = schema(run);
    List<Path> files = run.inputFiles(INPUT);
    if (format(run.parameters()) == EtlFormat.CSV) {
      checkHeaders(files, schema, run.conf());
    }
  }

  @Override
  protected RecordCounts execute(JobRun run) {
    // Loaded again (a small file): the job holds no state between checkInputs and execute.
    EtlSchema schema = schema(run);
    EtlFormat format = format(run.parameters());
    Result result =
        switch (run.engine()) {
          case MAPREDUCE ->
              EtlMapReduce.run(run.conf(), run.location(INPUT), run.output(), schema, format);
          case SPARK ->
              EtlSpark.run(run.spark(), run.location(INPUT), run.output(), schema, format);
        };
    if (result.duplicates() > 0) {
      log()
          .info(
              "dropped {} duplicate rows on key {} (kept the last read of each key); they count as accepted",
              result.duplicates(),
              schema.key());
    }
    return result.counts();
  }

  private static EtlSchema schema(JobRun run) {
    return EtlSchema.load(run.location(SCHEMA.name()), run.conf());
  }

  private static EtlFormat format(JobParameters params) {
    return EtlFormat.parse(params.string(FORMAT.name()));
  }

  /**
   * Fails before the run if a file's header lacks a schema column; empty files have no header and
   * no rows.
   */
  private static void checkHeaders(List<Path> files, EtlSchema schema, Configuration conf) {
    for (Path file : files) {
      String header = InputFiles.firstLine(file, conf);
      if (header == null) {
        continue;
      }
      List<String> names;
      try {
        names = CsvFields.split(header).stream().map(String::trim).toList();
      } catch (InvalidValueException e) {
        throw new BadInputException("CSV header of " + file + ": " + e.getMessage());
      }
      for (EtlSchema.Field field : schema.fields()) {
        if (!names.contains(field.name())) {
          throw EtlRecordParser.missingColumn(field.name(), file.toString(), names);
        }
      }
    }
  }

  /**
   * Records read, accepted and rejected; rows written; accepted rows dropped as duplicates
   * (logged).
   */
  record Result(long read, long accepted, long rejected, long written, long duplicates) {

    RecordCounts counts() {
      return new RecordCounts(read, accepted, rejected, written);
    }
  }
}
