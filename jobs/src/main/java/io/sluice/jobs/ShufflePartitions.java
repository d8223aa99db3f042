package io.sluice.jobs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;
import scala.Tuple2;

/**
 * The shuffle partitions Spark SQL would plan with ({@code SQLConf.numShufflePartitions}), worked
 * out from the settings' strings, so that a job on RDDs alone can ask without loading {@code
 * SQLConf}, whose class set-up (every SQL setting Spark declares) was most of the 0.2 s a tiny run
 * spent on a session it did not use. Spark's rule, as in 4.0: with adaptive execution and its
 * partition coalescing on (both by default), {@code
 * spark.sql.adaptive.coalescePartitions.initialPartitionNum} if set, else {@code
 * spark.sql.shuffle.partitions} (default 200). A value this does not read as Spark would (not a
 * plain number or boolean, a {@code ${...}} reference, a number below 1) is left to Spark's own
 * {@code SQLConf}, errors included.
 */
final class ShufflePartitions {

  private static final String COALESCE = "spark.sql.adaptive.coalescePartitions.enabled";
  private static final String INITIAL = "spark.sql.adaptive.coalescePartitions.initialPartitionNum";
  private static final int SPARK_DEFAULT_PARTITIONS = 200;

  private ShufflePartitions() {}

  /**
   * The number for a session on {@code context} with {@code sessionSettings} on top of the
   * context's (the order its SQL state merges them in).
   */
  static int planned(SparkContext context, Map<String, String> sessionSettings) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (Tuple2<String, String> setting : context.conf().getAll()) {
      merged.put(setting._1(), setting._2());
    }
    merged.putAll(sessionSettings);
    Integer known = fromStrings(merged);
    return known != null ? known : ClassicSessionStart.sqlShufflePartitions(merged);
  }

  /** Spark SQL's number from {@code settings}, or null where Spark's own parsing must decide. */
  static Integer fromStrings(Map<String, String> settings) {
    Boolean adaptive = bool(settings.get(InputSizing.ADAPTIVE), true);
    Boolean coalesce = bool(settings.get(COALESCE), true);
    Integer partitions =
        positive(settings.get(InputSizing.SHUFFLE_PARTITIONS), SPARK_DEFAULT_PARTITIONS);
    if (adaptive == null || coalesce == null || partitions == null) {
      return null;
    }
    if (adaptive && coalesce && settings.containsKey(INITIAL)) {
      return positive(settings.get(INITIAL), -1);
    }
    return partitions;
  }

  /** Spark's boolean setting (trimmed, either case), its default when unset, else null. */
  private static Boolean bool(String value, boolean unset) {
    if (value == null) {
      return unset;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> null;
    };
  }

  /** Spark's int setting (trimmed) when plain and at least 1, its default when unset, else null. */
  private static Integer positive(String value, int unset) {
    if (value == null) {
      return unset;
    }
    String digits = value.trim();
    if (digits.isEmpty()
        || digits.length() > 9
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    int n = Integer.parseInt(digits);
    return n >= 1 ? n : null;
  }
}
