package io.sluice.jobs.etl;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.Locations;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.StagedOutput;
import io.sluice.jobs.EngineFailure;
import io.sluice.jobs.InputFiles;
import io.sluice.storage.StorageUri;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV or JSON Lines to partitioned Parquet against a declared schema ({@link EtlSchema}): values
 * are trimmed and coerced to their types, rows are de-duplicated on the key (the row read last
 * wins: files in path order, lines in order), and the output is committed atomically.
 *
 * <p>Accounting: read = accepted + rejected, where accepted rows fit the schema (duplicates
 * included) and rejected rows went to {@code _rejected/} with the field and the reason;
 * written = accepted - duplicates dropped. CSV header lines are not records. An input with no
 * files, or a CSV header lacking a schema column, fails before anything runs (exit 2).
 */
public final class EtlJob implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(EtlJob.class);

  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final String SCHEMA = "schema";
  static final String FORMAT = "format";
  static final String OVERWRITE = "overwrite";

  @Override
  public String name() {
    return "etl";
  }

  @Override
  public String description() {
    return "CSV or JSON Lines to partitioned Parquet against a declared schema, de-duplicated on its key";
  }

  @Override
  public List<JobParameter> parameters() {
    return List.of(
        JobParameter.required(INPUT, JobParameter.Type.LOCATION, "File or directory of CSV (with header) or JSON Lines"),
        JobParameter.required(OUTPUT, JobParameter.Type.LOCATION, "Directory for the Parquet output and _rejected/"),
        JobParameter.required(SCHEMA, JobParameter.Type.LOCATION,
            "Schema file (JSON, or YAML if it ends in .yaml/.yml): fields (name, type, nullable), key, partitionBy"),
        JobParameter.optional(FORMAT, JobParameter.Type.STRING, "Input format: csv or jsonl", "csv"),
        JobParameter.flag(OVERWRITE, "Replace the output directory if it exists"));
  }

  @Override
  public Set<Engine> engines() {
    return EnumSet.of(Engine.SPARK, Engine.MAPREDUCE);
  }

  @Override
  public RunSummary.Counts run(Engine engine, JobParameters params, EngineContext context) {
    Configuration conf = context.hadoopConf();
    EtlFormat format = EtlFormat.parse(params.string(FORMAT));
    EtlSchema schema = EtlSchema.load(params.location(SCHEMA), conf);
    StorageUri input = params.location(INPUT);
    long bytesIn = Locations.requireInput(INPUT, input, conf);
    List<Path> files = InputFiles.require(INPUT, input, conf);
    if (format == EtlFormat.CSV) {
      checkHeaders(files, schema, conf);
    }
    StagedOutput output = StagedOutput.prepare(params.location(OUTPUT), params.flag(OVERWRITE), conf);
    try {
      Result result = switch (engine) {
        case MAPREDUCE -> EtlMapReduce.run(conf, input, output.stagingPath(), schema, format);
        case SPARK -> EtlSpark.run(context.spark(), input, output.stagingPath(), schema, format);
      };
      output.commit();
      if (result.duplicates() > 0) {
        LOG.info("dropped {} duplicate rows on key {} (kept the last read of each key); they count as accepted",
            result.duplicates(), schema.key());
      }
      if (result.rejected() > 0) {
        LOG.warn("{} rows did not fit the schema; see {}/_rejected/", result.rejected(), params.string(OUTPUT));
      }
      return new RunSummary.Counts(result.read(), result.accepted(), result.rejected(), result.written(),
          bytesIn, output.committedBytes());
    } catch (Exception e) {
      // Exception, not RuntimeException: Spark throws its checked SparkException undeclared.
      output.abort();
      throw e instanceof RuntimeException r ? r : EngineFailure.of(name(), engine, e);
    }
  }

  /** Fails before the run if a file's header lacks a schema column; empty files have no header and no rows. */
  private static void checkHeaders(List<Path> files, EtlSchema schema, Configuration conf) {
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    for (Path file : files) {
      String header;
      try {
        FileSystem fs = file.getFileSystem(conf);
        CompressionCodec codec = codecs.getCodec(file);
        try (InputStream raw = fs.open(file);
            InputStream in = codec == null ? raw : codec.createInputStream(raw);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          header = reader.readLine();
        }
      } catch (IOException e) {
        throw new BadInputException("cannot read the CSV header of " + file + ": " + e.getMessage(), e);
      }
      if (header == null) {
        continue;
      }
      List<String> names;
      try {
        names = CsvFields.split(EtlRecordParser.stripBom(header)).stream().map(String::trim).toList();
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

  /** Records read, accepted and rejected; rows written; accepted rows dropped as duplicates. */
  record Result(long read, long accepted, long rejected, long written, long duplicates) {}
}
