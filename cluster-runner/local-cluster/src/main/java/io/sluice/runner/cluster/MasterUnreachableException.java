package io.sluice.runner.cluster;

/** Nothing answers at a Spark master's address. */
public final class MasterUnreachableException extends ClusterInputException {
  private static final long serialVersionUID = 1L;

  public MasterUnreachableException(String master, Throwable cause) {
    super(
        String.format(
            "master %s is unreachable: %s (is the cluster up? `sluice cluster status`)",
            master, cause.getMessage()),
        cause);
  }
}
