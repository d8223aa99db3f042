package io.sluice.runner.demo;

import io.sluice.jobs.BadInputException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which pipeline the demo runs and where it keeps its state (the work directory: S3 objects,
 * DynamoDB tables, the DuckDB file, the ROC picture).
 */
record DemoLayout(Path pipeline, Path workDir) {

  static final String PIPELINE = "sample-data/pipelines/demo.yaml";
  static final String DEFAULT_WORKDIR = ".sluice/demo";
  static final String BUCKET = "sluice-demo";

  Path s3Data() {
    return workDir.resolve("s3");
  }

  Path dynamoDbData() {
    return workDir.resolve("dynamodb");
  }

  Path warehouseFile() {
    return workDir.resolve("warehouse.duckdb");
  }

  Path quarantine() {
    return workDir.resolve("quarantine");
  }

  /**
   * The checkout: the working directory when it holds the demo pipeline, else the folder the CLI's
   * classes were loaded from ({@code cluster-runner/cli/target/classes} under bin/sluice).
   */
  static Path findProjectRoot() {
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isRegularFile(cwd.resolve(PIPELINE))) {
      return cwd;
    }
    try {
      Path p =
          Path.of(DemoLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = p; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve(PIPELINE))) {
          return dir;
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall through to the error below
    }
    throw new BadInputException(
        "cannot find "
            + PIPELINE
            + " in "
            + cwd
            + " or above the CLI's classes; "
            + "run the demo from the project checkout");
  }
}
