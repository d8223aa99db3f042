package io.sluice.ml;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the code that trained a model, recorded in the registry beside it. */
public final class CodeVersion {

  private CodeVersion() {}

  /** e.g. {@code sluice-ml-pipeline 0.1.0-SNAPSHOT}; written into the jar by the build. */
  public static String current() {
    try (InputStream in = CodeVersion.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        return "sluice-ml-pipeline (unknown version)";
      }
      Properties p = new Properties();
      p.load(in);
      return "sluice-ml-pipeline " + p.getProperty("version", "unknown")
          + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")";
    } catch (IOException e) {
      return "sluice-ml-pipeline (unreadable version: " + e.getMessage() + ")";
    }
  }
}
