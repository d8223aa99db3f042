package io.sluice.runner.cluster;

/** The requested workers would need more memory than this machine has. */
public final class InsufficientMemoryException extends ClusterInputException {
  private static final long serialVersionUID = 1L;

  public InsufficientMemoryException(String message) {
    super(message);
  }
}
