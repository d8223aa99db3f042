package io.sluice.runner.cluster;

/** Nothing answers at a Spark master's address. */
public final class MasterUnreachableException extends ClusterInputException {
  private static final long serialVersionUID = 1L;

  public MasterUnreachableException(String master, Throwable cause) {
    super(
        "master "
            + master
            + " is unreachable: "
            + cause.getMessage()
            + " (is the cluster up? `sluice cluster status`)",
        cause);
  }
}
