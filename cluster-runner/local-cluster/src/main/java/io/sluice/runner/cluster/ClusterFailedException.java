package io.sluice.runner.cluster;

import io.sluice.jobs.SluiceJobException;

/**
 * The cluster was asked for something valid and did not get there (a daemon failed to start, a
 * timeout).
 */
public final class ClusterFailedException extends SluiceJobException {
  private static final long serialVersionUID = 1L;

  public ClusterFailedException(String message) {
    super(message);
  }

  public ClusterFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
