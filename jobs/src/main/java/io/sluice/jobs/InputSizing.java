package io.sluice.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Engine settings chosen from the bytes a job reads, known before any work starts (the job base
 * measures its inputs first). Each one is only a default: {@link EngineContext} applies it where
 * the user set nothing.
 *
 * <ul>
 *   <li>Spark's shuffle partitions: one per {@link #BYTES_PER_SHUFFLE_PARTITION} of input, at least
 *       one and at most the context's maximum (8 locally). Adaptive execution stays on and merges
 *       partitions that turn out small, so the number is an upper bound.
 *   <li>Below {@link #INTERPRETED_BELOW_BYTES}, Spark evaluates plans instead of generating and
 *       compiling Java for them: on a tiny input compiling costs more than it saves (Janino took
 *       about 1.1 s of a 6-byte WordCount's 2.8 s of stages; docs/BENCHMARKS.md, issue 19).
 *   <li>MapReduce's reducers for a job that does not fix them: one per {@link #BYTES_PER_REDUCER}
 *       (Hive's default per reducer), at least one (Hadoop's default) and at most the maximum.
 * </ul>
 */
public final class InputSizing {

  /**
   * Input bytes per shuffle partition: Spark's advisory partition size under adaptive execution.
   */
  public static final long BYTES_PER_SHUFFLE_PARTITION = 64L << 20;

  /** Input bytes per MapReduce reducer. */
  public static final long BYTES_PER_REDUCER = 256L << 20;

  /**
   * Inputs smaller than this run without generated code (whole-stage code generation off,
   * expressions interpreted). Measured on WordCount through {@code bin/sluice}: 6 bytes and 1 MiB
   * use less CPU without code generation, 10 MiB more (docs/BENCHMARKS.md, "Spark's fixed cost on
   * small inputs").
   */
  public static final long INTERPRETED_BELOW_BYTES = 2L << 20;

  public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  public static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  public static final String WHOLE_STAGE_CODEGEN = "spark.sql.codegen.wholeStage";
  public static final String CODEGEN_FACTORY_MODE = "spark.sql.codegen.factoryMode";
  public static final String REDUCERS = "mapreduce.job.reduces";

  private InputSizing() {}

  /** Shuffle partitions for {@code inputBytes}: 1 up to 64 MiB, then one more per 64 MiB. */
  public static int shufflePartitions(long inputBytes, int maxPartitions) {
    return perUnit(inputBytes, BYTES_PER_SHUFFLE_PARTITION, maxPartitions);
  }

  /** Reducers for {@code inputBytes}: 1 up to 256 MiB, then one more per 256 MiB. */
  public static int reducers(long inputBytes, int maxReducers) {
    return perUnit(inputBytes, BYTES_PER_REDUCER, maxReducers);
  }

  /** Whether Spark should evaluate plans for this input rather than compile them. */
  public static boolean interpreted(long inputBytes) {
    return inputBytes < INTERPRETED_BELOW_BYTES;
  }

  /**
   * The Spark SQL settings for {@code inputBytes}, all runtime settings (a started session takes
   * them between jobs). Code generation settings are named for both sizes, so a job after a small
   * one in the same session compiles again.
   */
  public static Map<String, String> spark(long inputBytes, int maxPartitions) {
    boolean interpreted = interpreted(inputBytes);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(
        SHUFFLE_PARTITIONS, Integer.toString(shufflePartitions(inputBytes, maxPartitions)));
    settings.put(ADAPTIVE, "true");
    settings.put(WHOLE_STAGE_CODEGEN, Boolean.toString(!interpreted));
    settings.put(CODEGEN_FACTORY_MODE, interpreted ? "NO_CODEGEN" : "FALLBACK");
    return settings;
  }

  private static int perUnit(long bytes, long unit, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maximum must be at least 1, got " + max);
    }
    long units = bytes <= 0 ? 1 : (bytes + unit - 1) / unit;
    return (int) Math.min(Math.max(units, 1), max);
  }
}
