package io.sluice.runner.demo;

import java.nio.file.Path;

/**
 * What {@code sluice serve --demo} serves: the shipped API file over the state {@code sluice demo}
 * keeps in its default work directory (S3 objects, DynamoDB tables, the DuckDB file).
 */
public final class DemoServing {

  /** The shipped API file, relative to the checkout. */
  public static final String API_FILE = "sample-data/serve/demo-api.yaml";

  public static final String WORKDIR = DemoLayout.DEFAULT_WORKDIR;

  private DemoServing() {}

  public static Path apiFile() {
    return DemoLayout.findProjectRoot().resolve(API_FILE);
  }

  private static DemoLayout layout() {
    return new DemoLayout(null, Path.of(WORKDIR).toAbsolutePath().normalize());
  }

  public static Path s3Data() {
    return layout().s3Data();
  }

  public static Path dynamoDbData() {
    return layout().dynamoDbData();
  }
}
