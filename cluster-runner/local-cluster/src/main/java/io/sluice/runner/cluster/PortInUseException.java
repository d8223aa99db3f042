package io.sluice.runner.cluster;

/** A port the cluster needs is already bound by another process. */
public final class PortInUseException extends ClusterInputException {
  private static final long serialVersionUID = 1L;

  public PortInUseException(String option, String host, int port) {
    super(
        option
            + " "
            + port
            + " is already in use on "
            + host
            + " (another Spark master or `sluice cluster up`? try `sluice cluster status` or another port)");
  }
}
