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
            "Hadoop " + hadoopVersion(),
            "Scala " + scala.util.Properties.versionNumberString(),
            "Java "
                + Runtime.version()
                + " ("
                + System.getProperty("java.vm.vendor", UNKNOWN)
                + ")")
        .toArray(String[]::new);
  }

  /**
   * What Hadoop's VersionInfo reads, read directly: VersionInfo's class starts logging (log4j's
   * set-up is a fifth of this command's CPU; docs/BENCHMARKS.md, "Start-up").
   */
  private static String hadoopVersion() {
    Properties p = new Properties();
    try (InputStream in =
        VersionInfo.class.getClassLoader().getResourceAsStream("common-version-info.properties")) {
      if (in == null) {
        return VersionInfo.getVersion();
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = p.getProperty("version");
    return version != null ? version : VersionInfo.getVersion();
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
