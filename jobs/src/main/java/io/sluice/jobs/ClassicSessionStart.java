package io.sluice.jobs;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;

/**
 * Starts a session with the classic (in-process) implementation's own builder: {@code
 * SparkSession.builder()} first finds it through Scala reflection ({@code
 * SparkSession.lookupCompanion}), which builds Scala's runtime universe and unpickles the session's
 * classes on the main thread before anything starts.
 *
 * <p>A class of its own because the classic session is a subtype of the session {@link
 * EngineContext} holds: the JVM's verifier loads both to check that assignment, so in {@link
 * EngineContext} it would need Spark on the class path of MapReduce-only runs too (a YARN client
 * without Spark).
 */
final class ClassicSessionStart {

  private ClassicSessionStart() {}

  /**
   * A session on {@code master} (or the one spark-submit gives, when null) with {@code settings},
   * loading the SQL extensions jars declare only when {@code jarExtensions}.
   */
  static SparkSession start(String master, Map<String, String> settings, boolean jarExtensions) {
    org.apache.spark.sql.classic.SparkSession.Builder b = builder(master, settings);
    return jarExtensions ? b.getOrCreate() : SessionExtensions.withoutJars(b::getOrCreate);
  }

  /**
   * The context {@link #start} would start (or the running one, as the builder takes it), without a
   * session: the same configuration, as the builder hands its options to {@code SparkConf}.
   */
  static SparkContext startContext(String master, Map<String, String> settings) {
    SparkConf conf = new SparkConf().setAppName("sluice");
    if (master != null) {
      conf.setMaster(master);
    }
    settings.forEach(conf::set);
    return SparkContext.getOrCreate(conf);
  }

  /**
   * A session on a context {@link #startContext} started, with the settings as its initial options:
   * the session {@link #start} would have built.
   */
  static SparkSession onContext(
      SparkContext context, String master, Map<String, String> settings, boolean jarExtensions) {
    org.apache.spark.sql.classic.SparkSession.Builder b =
        builder(master, settings).sparkContext(context);
    return jarExtensions ? b.getOrCreate() : SessionExtensions.withoutJars(b::getOrCreate);
  }

  private static org.apache.spark.sql.classic.SparkSession.Builder builder(
      String master, Map<String, String> settings) {
    org.apache.spark.sql.classic.SparkSession.Builder b =
        org.apache.spark.sql.classic.SparkSession.builder().appName("sluice");
    if (master != null) {
      b.master(master);
    }
    settings.forEach(b::config);
    return b;
  }

  /**
   * The shuffle partitions a session would plan with once its SQL state is built from {@code
   * settings}: the context's settings with the session's on top, as that state's configuration
   * merges them ({@code BaseSessionStateBuilder.mergeSparkConf}); Spark's own {@code SQLConf} works
   * the number out, adaptive execution's initial number included.
   */
  static int sqlShufflePartitions(Map<String, String> settings) {
    SQLConf conf = new SQLConf();
    settings.forEach(conf::setConfString);
    return conf.numShufflePartitions();
  }
}
