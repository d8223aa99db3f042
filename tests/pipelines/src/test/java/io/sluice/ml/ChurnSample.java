package io.sluice.ml;

import java.nio.file.Path;

/**
 * The committed churn sample ({@code sample-data/ml/customer-churn.yaml}, 5,000 rows) the sample
 * ITs train on, and what its fixed split gives.
 */
final class ChurnSample {

  /** The spec file, in the repository the build runs in. */
  static final Path SPEC =
      Path.of(System.getProperty("sluice.repo.root", "../.."))
          .resolve("sample-data/ml/customer-churn.yaml");

  /**
   * Rows in the test split, whatever the algorithm: the figure README.md and sample-data/README.md
   * state for the default (logistic) model.
   */
  static final long TEST_ROWS = 1009;

  private ChurnSample() {}

  static DatasourceSpec spec() {
    return DatasourceSpec.load(SPEC);
  }
}
