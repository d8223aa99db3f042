package io.sluice.ml;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the code that trained a model, recorded in the registry beside it. */
public final class CodeVersion {

  private CodeVersion() {}

  /**
   * e.g. {@code sluice-ml-pipeline 0.1.0-SNAPSHOT (git 6865b6b, Spark 4.0.1)}; the build writes the
   * version and the commit it was built from into build.properties.
   */
  public static String current() {
    try (InputStream in = CodeVersion.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        return "sluice-ml-pipeline (unknown version)";
      }
      Properties p = new Properties();
      p.load(in);
      String commit = resolved(p, "commit");
      String git = commit == null ? "" : "git " + commit + ", ";
      String version = resolved(p, "version");
      return "sluice-ml-pipeline "
          + (version == null ? "unknown" : version)
          + " ("
          + git
          + "Spark "
          + org.apache.spark.package$.MODULE$.SPARK_VERSION()
          + ")";
    } catch (IOException e) {
      return "sluice-ml-pipeline (unreadable version: " + e.getMessage() + ")";
    }
  }

  /**
   * A property the build filled in, or null (absent, or left as a placeholder, e.g. a build outside
   * git).
   */
  private static String resolved(Properties p, String key) {
    String v = p.getProperty(key);
    return v == null || v.isBlank() || v.contains("${") ? null : v.trim();
  }
}
