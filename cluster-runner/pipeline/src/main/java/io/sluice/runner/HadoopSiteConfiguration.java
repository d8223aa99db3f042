package io.sluice.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * The Hadoop client configuration of the machine a command runs on, found as Hadoop's own scripts
 * find it: the {@code *-site.xml} files of {@code $HADOOP_CONF_DIR} (else {@code
 * $HADOOP_HOME/etc/hadoop}), then of {@code $YARN_CONF_DIR}, with {@code -D KEY=VALUE} settings on
 * top. Without site files and {@code -D} it adds nothing, so commands behave as they always did.
 */
public final class HadoopSiteConfiguration {

  /** The files Hadoop's clients read from the configuration directory, in the order they load. */
  static final List<String> SITE_FILES =
      List.of("core-site.xml", "hdfs-site.xml", "mapred-site.xml", "yarn-site.xml");

  /** No site files, no {@code -D}: Hadoop's defaults, as without an installation. */
  public static final HadoopSiteConfiguration NONE =
      new HadoopSiteConfiguration(List.of(), Map.of(), Map.of());

  private static final String DEFAULT_FS = "fs.defaultFS";
  private static final String DEFAULT_FS_DEPRECATED = "fs.default.name";

  private final List<Path> files;
  private final Map<String, String> siteSettings;
  private final Map<String, String> defines;

  private HadoopSiteConfiguration(
      List<Path> files, Map<String, String> siteSettings, Map<String, String> defines) {
    this.files = List.copyOf(files);
    this.siteSettings = siteSettings;
    this.defines = defines;
  }

  /**
   * Reads the site files {@code env} points at.
   *
   * @param defines {@code -D} settings, applied on top of the site files (null for none)
   * @throws IllegalArgumentException naming the file and line of a site file that is not XML
   */
  public static HadoopSiteConfiguration load(Map<String, String> env, Map<String, String> defines) {
    List<Path> files = siteFiles(directories(env));
    Map<String, String> settings = new LinkedHashMap<>();
    for (Path file : files) {
      settings.putAll(read(file));
    }
    return new HadoopSiteConfiguration(
        files,
        Collections.unmodifiableMap(settings),
        defines == null ? Map.of() : Map.copyOf(defines));
  }

  /**
   * The configuration directories, most important first: {@code HADOOP_CONF_DIR}, else {@code
   * HADOOP_HOME/etc/hadoop} (hadoop-config.sh's default), then {@code YARN_CONF_DIR} (Spark's
   * launcher puts both on the classpath, HADOOP_CONF_DIR first). Only existing directories count.
   */
  static List<Path> directories(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    nonBlank(env.get("HADOOP_CONF_DIR"))
        .map(Path::of)
        .or(() -> nonBlank(env.get("HADOOP_HOME")).map(home -> Path.of(home, "etc", "hadoop")))
        .ifPresent(dirs::add);
    nonBlank(env.get("YARN_CONF_DIR")).map(Path::of).ifPresent(dirs::add);
    return dirs.stream().filter(Files::isDirectory).map(Path::toAbsolutePath).distinct().toList();
  }

  /**
   * The one directory a child {@code hadoop} or {@code spark-submit} is pointed at: {@code
   * HADOOP_CONF_DIR}, else {@code HADOOP_HOME/etc/hadoop} when it exists, else {@code
   * YARN_CONF_DIR}. The variables' directories are not checked, so a wrong one is reported.
   */
  public static Optional<Path> configurationDirectory(Map<String, String> env) {
    Optional<Path> hadoopHome =
        nonBlank(env.get("HADOOP_HOME"))
            .map(home -> Path.of(home, "etc", "hadoop"))
            .filter(Files::isDirectory);
    Optional<Path> hadoopConf = nonBlank(env.get("HADOOP_CONF_DIR")).map(Path::of);
    return hadoopConf
        .or(() -> hadoopHome)
        .or(() -> nonBlank(env.get("YARN_CONF_DIR")).map(Path::of));
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  /** Each site file from the first directory that has it, as the classpath would pick it. */
  private static List<Path> siteFiles(List<Path> dirs) {
    List<Path> files = new ArrayList<>();
    for (String name : SITE_FILES) {
      dirs.stream()
          .map(d -> d.resolve(name))
          .filter(Files::isRegularFile)
          .findFirst()
          .ifPresent(files::add);
    }
    return files;
  }

  private static Map<String, String> read(Path file) {
    checkWellFormed(file);
    Configuration conf = new Configuration(false);
    conf.addResource(new org.apache.hadoop.fs.Path(file.toUri()));
    Map<String, String> settings = new LinkedHashMap<>();
    try {
      // Raw values: ${var} references expand where the settings are used, as in Hadoop.
      conf.forEach(e -> settings.put(e.getKey(), e.getValue()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": not a Hadoop configuration file", e);
    }
    return settings;
  }

  /**
   * Refuses a file that is not well-formed XML with its line, before Hadoop's parser logs the
   * failure with a stack trace; the message never quotes the content, which may hold secrets.
   */
  private static void checkWellFormed(Path file) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader reader = factory.createXMLStreamReader(in);
      while (reader.hasNext()) {
        reader.next();
      }
      reader.close();
    } catch (XMLStreamException e) {
      String line = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNumber();
      throw new IllegalArgumentException(file + line + ": not a Hadoop configuration file");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it (" + e + ")", e);
    }
  }

  /** The site files read, in load order. */
  public List<Path> files() {
    return files;
  }

  /** The site files' settings with the {@code -D} ones on top: what a command adds to Hadoop's. */
  public Map<String, String> settings() {
    Map<String, String> all = new LinkedHashMap<>(siteSettings);
    all.putAll(defines);
    return all;
  }

  /** The site files' settings alone. */
  public Map<String, String> siteSettings() {
    return siteSettings;
  }

  /** The {@code -D} settings alone. */
  public Map<String, String> defines() {
    return defines;
  }

  /** Hadoop's defaults with {@link #settings()} on top. */
  public Configuration configuration() {
    Configuration conf = new Configuration();
    settings().forEach(conf::set);
    return conf;
  }

  /**
   * A location as {@code hadoop fs} reads it: a bare path resolves against the {@code fs.defaultFS}
   * the site files (or {@code -D}) set, relative ones under the user's home there ({@code out} is
   * {@code hdfs://nn:8020/user/$USER/out}). Anything else, and every location when no default file
   * system is set, comes back unchanged (bare paths then stay local).
   */
  public String location(String location) {
    Map<String, String> settings = settings();
    if (location == null
        || location.isBlank()
        || location.contains("://")
        || location.trim().startsWith("file:")
        || !(settings.containsKey(DEFAULT_FS) || settings.containsKey(DEFAULT_FS_DEPRECATED))) {
      return location;
    }
    Configuration conf = configuration();
    URI defaultFs = FileSystem.getDefaultUri(conf);
    if (defaultFs.getScheme() == null || "file".equals(defaultFs.getScheme())) {
      return location;
    }
    org.apache.hadoop.fs.Path home =
        new org.apache.hadoop.fs.Path(conf.get("dfs.user.home.dir.prefix", "/user") + "/" + user());
    return new org.apache.hadoop.fs.Path(location.trim()).makeQualified(defaultFs, home).toString();
  }

  private String user() {
    try {
      if (!files.isEmpty()) {
        // The site's security settings (e.g. Kerberos) decide who the user is, as for `hadoop fs`.
        UserGroupInformation.setConfiguration(configuration());
      }
      return UserGroupInformation.getCurrentUser().getShortUserName();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tell the Hadoop user: " + e.getMessage(), e);
    }
  }
}
