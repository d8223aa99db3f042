package io.sluice.runner.pipeline;

import java.util.Arrays;

/** Where {@code sluice pipeline run --on X} runs the engines. */
public enum ExecutionTarget {
  /** Spark local[*] and Hadoop's local job runner, in this process, one Spark session for every step. */
  LOCAL("local"),
  /** The Spark master of the cluster {@code sluice cluster up} started (client mode from this process). */
  STANDALONE("standalone"),
  /** An in-process MiniDFSCluster: not available in this build. */
  MINICLUSTER("minicluster");

  private final String id;

  ExecutionTarget(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ExecutionTarget parse(String text) {
    for (ExecutionTarget t : values()) {
      if (t.id.equals(text)) {
        return t;
      }
    }
    throw new InvalidPipelineException("--on '" + text + "' is not one of "
        + Arrays.stream(values()).map(ExecutionTarget::id).toList());
  }
}
