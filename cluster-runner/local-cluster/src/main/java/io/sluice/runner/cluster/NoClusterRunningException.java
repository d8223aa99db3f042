package io.sluice.runner.cluster;

import java.nio.file.Path;

/** No local cluster is recorded in the run directory. */
public final class NoClusterRunningException extends ClusterInputException {
  private static final long serialVersionUID = 1L;

  public NoClusterRunningException(Path runDir) {
    super(
        "no cluster is running from "
            + runDir
            + " (start one with `sluice cluster up --workers N`"
            + ", or give the --run-dir it was started with)");
  }
}
