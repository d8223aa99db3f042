package io.sluice.runner.ml;

import io.sluice.ml.DatasourceSpec;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** {@code SPEC}: the datasource spec file describe and train read. */
final class DatasourceSpecFile {

  @Parameters(index = "0", paramLabel = "SPEC", description = "datasource spec (YAML)")
  Path file;

  DatasourceSpec load() {
    return DatasourceSpec.load(file);
  }
}
