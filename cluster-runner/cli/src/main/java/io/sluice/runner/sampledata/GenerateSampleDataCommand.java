package io.sluice.runner.sampledata;

import io.sluice.jobs.BadInputException;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.sampledata.GenerationSettings;
import io.sluice.sampledata.GenerationSummary;
import io.sluice.sampledata.SampleDataGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice sample-data generate --out DIR [--scale N] [--seed S] [--only
 * orders,logs,churn,text]}. With the defaults it writes exactly the committed {@code sample-data/}
 * files.
 */
@Command(
    name = "generate",
    description = {
      "Write the sample datasets under DIR: etl/ (orders), logs/ (Apache and CloudFront), ml/ (churn), text/.",
      "The same seed and scale give byte-identical files; --scale 1 --seed 42 is what sample-data/ holds.",
      "Files of the same name are replaced; other files in DIR are left alone."
    })
final class GenerateSampleDataCommand extends OutputCommand {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "the folder to write (created if missing)")
  Path out;

  @Option(
      names = "--scale",
      paramLabel = "N",
      defaultValue = "1",
      description = "multiply every record count by N (default: ${DEFAULT-VALUE}, a few MB)")
  int scale;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "" + GenerationSettings.DEFAULT_SEED,
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--only",
      paramLabel = "NAME",
      split = ",",
      description = "write only these datasets: orders, logs, churn, text (default: all)")
  List<String> only;

  @Override
  public Integer call() {
    if (scale < 1) {
      throw new BadInputException("--scale must be at least 1, got " + scale);
    }
    SampleDataGenerator generator = new SampleDataGenerator();
    List<String> names = only == null ? generator.names() : only;
    for (String name : names) {
      if (!generator.names().contains(name)) {
        throw new BadInputException(
            "--only: unknown dataset '"
                + name
                + "'; choose from "
                + String.join(", ", generator.names()));
      }
    }
    checkWritable(out);
    GenerationSummary summary;
    try {
      summary = generator.generate(out, new GenerationSettings(seed, scale), names);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write sample data under " + out + ": " + e.getMessage(), e);
    }
    out().println(summary.toLine() + " -> " + out);
    out().flush();
    return ExitCode.OK;
  }

  /**
   * An output folder that cannot be made or written is bad input, found before anything is written.
   */
  private static void checkWritable(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BadInputException(
          "--out "
              + dir
              + ": cannot create the folder ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
    if (!Files.isWritable(dir)) {
      throw new BadInputException("--out " + dir + ": the folder is not writable");
    }
  }
}
