package io.sluice.runner;

import io.sluice.errors.InvalidInputException;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.util.Utils;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark settings from files, found and read as Spark 4.0's spark-submit finds and reads them: the
 * {@code --properties-file} given, else {@code spark-defaults.conf} of {@code SPARK_CONF_DIR} (else
 * of {@code SPARK_HOME/conf}); with {@code --load-spark-defaults} both, the given file winning. The
 * format is Spark's own ({@code Utils.getPropertiesFromFile}: {@link java.util.Properties} syntax,
 * values trimmed). Keys not starting with {@code spark.} are dropped with a warning, as
 * spark-submit drops them.
 *
 * @param settings the {@code spark.*} settings of the files, by key
 * @param ignored keys of the files that are not Spark settings
 * @param files the files read, the winning one first
 */
public record SparkDefaults(Map<String, String> settings, List<String> ignored, List<Path> files) {

  public static final String FILE_NAME = "spark-defaults.conf";

  /** spark.redaction.regex's default in Spark 4.0. */
  public static final String DEFAULT_REDACTION_REGEX = "(?i)secret|password|token|access[.]?key";

  /** What Spark prints instead of a redacted value. */
  public static final String REDACTED = "*********(redacted)";

  public SparkDefaults {
    settings = new TreeMap<>(settings);
    ignored = List.copyOf(ignored);
    files = List.copyOf(files);
  }

  /**
   * @param propertiesFile {@code --properties-file}, or null
   * @param loadSparkDefaults {@code --load-spark-defaults}: read spark-defaults.conf beside a
   *     properties file
   * @param env the environment, for {@code SPARK_CONF_DIR} and {@code SPARK_HOME}
   */
  public static SparkDefaults load(
      Path propertiesFile, boolean loadSparkDefaults, Map<String, String> env) {
    List<Path> files = new ArrayList<>();
    if (propertiesFile != null) {
      if (!Files.isRegularFile(propertiesFile)) {
        throw new InvalidInputException(
            "--properties-file " + propertiesFile + ": no such file (a Spark properties file)");
      }
      files.add(propertiesFile);
    }
    if (propertiesFile == null || loadSparkDefaults) {
      defaultsFile(env).ifPresent(files::add);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    for (Path file : files) {
      read(file)
          .forEach(
              (k, v) -> {
                if (!k.startsWith("spark.")) {
                  ignored.add(k);
                } else {
                  settings.putIfAbsent(k, v); // the first file wins
                }
              });
    }
    return new SparkDefaults(settings, ignored, files);
  }

  /** An empty set: no file read. */
  public static SparkDefaults none() {
    return new SparkDefaults(Map.of(), List.of(), List.of());
  }

  /**
   * Spark's {@code Utils.getDefaultPropertiesFile}: spark-defaults.conf of SPARK_CONF_DIR, else of
   * SPARK_HOME/conf, if it is a file.
   */
  public static Optional<Path> defaultsFile(Map<String, String> env) {
    return Optional.ofNullable(env.get("SPARK_CONF_DIR"))
        .or(() -> Optional.ofNullable(env.get("SPARK_HOME")).map(h -> h + File.separator + "conf"))
        .map(dir -> Path.of(dir, FILE_NAME))
        .filter(Files::isRegularFile)
        .map(Path::toAbsolutePath);
  }

  private static Map<String, String> read(Path file) {
    try {
      return new TreeMap<>(
          CollectionConverters.asJava(Utils.getPropertiesFromFile(file.toString())));
    } catch (RuntimeException e) {
      // Properties.load fails on a malformed \\uXXXX escape; Spark wraps I/O errors.
      throw new InvalidInputException(
          file + ": not a Spark properties file: " + ExitCode.oneLine(e), e);
    }
  }

  /** These settings with {@code flags} on top (the command line wins over files). */
  public Map<String, String> under(Map<String, String> flags) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    if (flags != null) {
      all.putAll(flags);
    }
    return all;
  }

  /** One line per ignored key, in spark-submit's words. */
  public void warnIgnored(PrintWriter err) {
    for (String key : ignored) {
      err.println(ignoredWarning(key));
    }
    err.flush();
  }

  /** spark-submit's warning for a key that is not a Spark setting. */
  public static String ignoredWarning(String key) {
    return "sluice: warning: Ignoring non-Spark config property: " + key;
  }

  /**
   * {@code settings} as spark-submit --verbose shows them: sorted, a value replaced when its key or
   * value matches {@code spark.redaction.regex} (Spark's default unless the settings name one).
   */
  public static Map<String, String> redacted(Map<String, String> settings) {
    Pattern regex =
        Pattern.compile(settings.getOrDefault("spark.redaction.regex", DEFAULT_REDACTION_REGEX));
    Map<String, String> shown = new TreeMap<>();
    settings.forEach(
        (k, v) -> shown.put(k, regex.matcher(k).find() || regex.matcher(v).find() ? REDACTED : v));
    return shown;
  }
}
