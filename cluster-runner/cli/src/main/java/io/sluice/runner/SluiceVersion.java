package io.sluice.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.util.VersionInfo;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code sluice --version} prints: Sluice's version and commit, recorded when it was built,
 * and the versions of Spark, Hadoop, Scala and Java, asked of the libraries on the classpath at run
 * time (they are what actually runs, whatever the build declared).
 */
public final class SluiceVersion implements IVersionProvider {

  static final String BUILD_INFO = "build-info.properties";
  static final String UNKNOWN = "unknown";

  @Override
  public String[] getVersion() {
    Properties build = buildInfo();
    return List.of(
            "sluice " + value(build, "version") + " (commit " + value(build, "commit") + ")",
            "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION(),
            "Hadoop " + VersionInfo.getVersion(),
            "Scala " + scala.util.Properties.versionNumberString(),
            "Java "
                + Runtime.version()
                + " ("
                + System.getProperty("java.vm.vendor", UNKNOWN)
                + ")")
        .toArray(String[]::new);
  }

  private static Properties buildInfo() {
    Properties p = new Properties();
    try (InputStream in = SluiceVersion.class.getResourceAsStream(BUILD_INFO)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** A build outside git (a source tarball) leaves the commit unfiltered: it is unknown then. */
  private static String value(Properties build, String key) {
    String v = build.getProperty(key, "").strip();
    return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
  }
}
