package io.sluice.runner.pipeline;

import java.util.Arrays;

/** Where {@code sluice pipeline run --on X} runs the engines. */
public enum ExecutionTarget {
  /**
   * Spark local[*] and Hadoop's local job runner, in this process, one Spark session for every
   * step.
   */
  LOCAL("local"),
  /**
   * A MiniDFSCluster (one NameNode, one DataNode) started in this process for the run; its URI is
   * the variable {@code ${hdfs}} and the default file system of every step. Spark runs local[*].
   */
  MINICLUSTER("minicluster"),
  /**
   * The Spark master of the cluster {@code sluice cluster up} started (client mode from this
   * process).
   */
  STANDALONE("standalone"),
  /**
   * Any Spark cluster named with {@code --master} (spark:// or k8s://), client mode from this
   * process.
   */
  CLUSTER("cluster");

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
    throw new InvalidPipelineException(
        "--on '"
            + text
            + "' is not one of "
            + Arrays.stream(values()).map(ExecutionTarget::id).toList());
  }
}
