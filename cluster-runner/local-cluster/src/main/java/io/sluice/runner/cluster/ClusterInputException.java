package io.sluice.runner.cluster;

import io.sluice.jobs.BadInputException;

/**
 * A cluster request that cannot be carried out as asked (port in use, not enough memory, no cluster
 * running, master unreachable): nothing was started or changed; the CLI exits with 2.
 */
public class ClusterInputException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public ClusterInputException(String message) {
    super(message);
  }

  public ClusterInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
