package io.sluice.runner.ml;

import io.sluice.jobs.BadInputException;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.sampledata.ChurnGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice ml generate --rows N --seed S --output FILE [--spec FILE]}: a churn table of any
 * size, every row labelled. The rows are those of {@code sluice sample-data generate}'s churn
 * dataset (one generator, {@link ChurnGenerator}), which also blanks a few labels on purpose.
 */
@Command(
    name = "generate",
    description =
        "Write the deterministic customer-churn sample (CSV with a known logistic signal) and its spec.")
final class GenerateCommand extends OutputCommand {

  @Option(
      names = "--rows",
      paramLabel = "N",
      defaultValue = "10000",
      description = "rows (default: ${DEFAULT-VALUE})")
  long rows;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      required = true,
      description = "the CSV file to write (local)")
  Path output;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "also write a datasource spec for the file here")
  Path specFile;

  @Option(names = "--overwrite", description = "replace existing files")
  boolean overwrite;

  @Override
  public Integer call() {
    if (rows < 1) {
      throw new BadInputException("--rows must be at least 1, got " + rows);
    }
    for (Path p : new Path[] {output, specFile}) {
      if (p != null && Files.exists(p) && !overwrite) {
        throw new BadInputException(p + " already exists; choose another or pass --overwrite");
      }
    }
    long started = System.nanoTime();
    long bytes = ChurnGenerator.writeTable(seed, rows, output);
    if (specFile != null) {
      Path specDir = specFile.toAbsolutePath().getParent();
      String input = specDir.relativize(output.toAbsolutePath()).toString();
      try {
        Files.writeString(specFile, ChurnGenerator.spec(input));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + specFile + ": " + e.getMessage(), e);
      }
    }
    out()
        .printf(
            "ml generate done: written=%d records, out=%d bytes, seed=%d, time=%.1fs -> %s%s%n",
            rows,
            bytes,
            seed,
            (System.nanoTime() - started) / 1e9,
            output,
            specFile == null ? "" : " (spec " + specFile + ")");
    out().flush();
    return ExitCode.OK;
  }
}
