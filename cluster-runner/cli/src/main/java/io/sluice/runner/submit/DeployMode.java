package io.sluice.runner.submit;

import io.sluice.jobs.BadInputException;
import java.util.Locale;

/** Where the driver runs: in the submitting process (client) or on the cluster (cluster). */
public enum DeployMode {
  CLIENT,
  CLUSTER;

  public static DeployMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--deploy-mode must be client or cluster, got '" + text + "'");
    }
  }

  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
