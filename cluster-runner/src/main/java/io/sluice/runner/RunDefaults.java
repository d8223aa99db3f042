package io.sluice.runner;

/** The embedded default runtime's settings, in one place. */
public final class RunDefaults {
  /** Spark in this JVM, one thread per core. */
  public static final String SPARK_MASTER = "local[*]";
  /** Small data on one machine: a few shuffle partitions, not Spark's 200. */
  public static final String SHUFFLE_PARTITIONS = "8";
  /** Anything that listens binds loopback unless told otherwise. */
  public static final String BIND_ADDRESS = "127.0.0.1";

  private RunDefaults() {}
}
