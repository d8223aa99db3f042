package io.sluice.runner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * spark-submit's {@code --properties-file FILE} and {@code --load-spark-defaults}, for every
 * command that starts Spark: the files' settings ({@link SparkDefaults}) under the command's own
 * {@code --conf}.
 */
public final class SparkPropertiesOptions {

  public static final String PROPERTIES_FILE = "--properties-file";
  public static final String LOAD_SPARK_DEFAULTS = "--load-spark-defaults";

  static final String PROPERTIES_FILE_DESCRIPTION =
      "Spark settings (spark-submit's format) instead of spark-defaults.conf of $SPARK_CONF_DIR"
          + " (else $SPARK_HOME/conf); --conf wins over both";
  static final String LOAD_SPARK_DEFAULTS_DESCRIPTION =
      "with --properties-file, read spark-defaults.conf too (the properties file wins)";

  @Option(names = PROPERTIES_FILE, paramLabel = "FILE", description = PROPERTIES_FILE_DESCRIPTION)
  Path propertiesFile;

  @Option(names = LOAD_SPARK_DEFAULTS, description = LOAD_SPARK_DEFAULTS_DESCRIPTION)
  boolean loadSparkDefaults;

  /** The files' settings; warns on {@code err} about the keys it ignores. */
  public SparkDefaults load(Map<String, String> env, PrintWriter err) {
    SparkDefaults defaults = SparkDefaults.load(propertiesFile, loadSparkDefaults, env);
    defaults.warnIgnored(err);
    return defaults;
  }

  /**
   * The files' settings with {@code conf} on top, without {@code spark.master}: the commands' own
   * {@code --master} (with its default) is a flag, and flags win over files.
   */
  public Map<String, String> under(Map<String, String> conf, CommandSpec spec, PrintWriter err) {
    Map<String, String> all = load(environment(spec), err).under(conf);
    if (conf == null || !conf.containsKey("spark.master")) {
      all.remove("spark.master");
    }
    return all;
  }

  /** The environment of the command line {@code spec} belongs to (tests give their own). */
  public static Map<String, String> environment(CommandSpec spec) {
    if (spec != null && spec.root().userObject() instanceof SluiceCli cli) {
      return cli.environment;
    }
    return System.getenv();
  }
}
