package io.sluice.runner.newjob;

import io.sluice.jobs.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The project {@code sluice new job} writes: the template files under {@code
 * io/sluice/runner/newjob/} with the job's name, class and package, and the versions this Sluice
 * was built with, filled in.
 */
public record JobProject(String name, String packageName, String className) {

  private static final String TEMPLATES = "/io/sluice/runner/newjob/";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /**
   * @param name the job's name, lower-case words joined by '-'
   * @param packageName the Java package, or null for {@code com.example.<name without '-'>}
   * @throws BadInputException when the name or the package is not valid
   */
  public static JobProject of(String name, String packageName) {
    if (!NAME.matcher(name).matches()) {
      throw new BadInputException(
          "job name '" + name + "': use lower-case words joined by '-', e.g. city-counts");
    }
    String pkg = packageName == null ? "com.example." + name.replace("-", "") : packageName;
    if (!SourceVersion.isName(pkg) || !pkg.equals(pkg.toLowerCase(Locale.ROOT))) {
      throw new BadInputException(
          "--package '" + pkg + "' is not a lower-case Java package name, e.g. com.example.jobs");
    }
    StringBuilder className = new StringBuilder();
    for (String word : name.split("-")) {
      className.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    className.append("Job");
    if (!Character.isJavaIdentifierStart(className.charAt(0))) {
      className.insert(0, 'J');
    }
    return new JobProject(name, pkg, className.toString());
  }

  /** The Sluice version the project is written against (this build's). */
  public String sluiceVersion() {
    return versions().getProperty("sluice.version");
  }

  public String qualifiedClassName() {
    return packageName + "." + className;
  }

  /**
   * Writes the project into {@code dir}, which must not exist or be empty.
   *
   * @return the number of files written
   * @throws BadInputException when {@code dir} is a file or a folder that is not empty
   */
  public int writeTo(Path dir) {
    checkEmpty(dir);
    Map<String, String> values = placeholders();
    List<String[]> files = new ArrayList<>();
    for (String line : resource("files.txt").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        files.add(line.trim().split("\\s+"));
      }
    }
    try {
      for (String[] file : files) {
        Path target = dir.resolve(fill(file[1], values));
        Files.createDirectories(target.getParent());
        Files.writeString(target, fill(resource(file[0]), values), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the new project under " + dir + ": " + e.getMessage(), e);
    }
    return files.size();
  }

  private static Properties versions() {
    Properties versions = new Properties();
    try (InputStream in = JobProject.class.getResourceAsStream(TEMPLATES + "versions.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "the build did not package " + TEMPLATES + "versions.properties");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }

  private Map<String, String> placeholders() {
    Properties versions = versions();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("NAME", name);
    values.put("CLASS", className);
    values.put("PACKAGE", packageName);
    values.put("PACKAGE_PATH", packageName.replace('.', '/'));
    values.put("SLUICE_VERSION", versions.getProperty("sluice.version"));
    values.put("SPARK_VERSION", versions.getProperty("spark.version"));
    values.put("HADOOP_VERSION", versions.getProperty("hadoop.version"));
    values.put("SCALA_BINARY", versions.getProperty("scala.binary.version"));
    values.put("SCALA_VERSION", versions.getProperty("scala.version"));
    values.put("JUNIT_VERSION", versions.getProperty("junit.version"));
    values.put("COMMONS_CSV_VERSION", versions.getProperty("commons-csv.version"));
    values.put("JVM_OPENS", versions.getProperty("jvm.opens"));
    return values;
  }

  private static String fill(String text, Map<String, String> values) {
    String filled = text;
    for (Map.Entry<String, String> v : values.entrySet()) {
      filled = filled.replace("{{" + v.getKey() + "}}", v.getValue());
    }
    int left = filled.indexOf("{{");
    if (left >= 0) {
      throw new IllegalStateException(
          "template placeholder not filled: "
              + filled.substring(left, Math.min(filled.length(), left + 40)));
    }
    return filled;
  }

  private static String resource(String file) {
    try (InputStream in = JobProject.class.getResourceAsStream(TEMPLATES + file)) {
      if (in == null) {
        throw new IllegalStateException(
            "template " + TEMPLATES + file + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkEmpty(Path dir) {
    if (Files.isRegularFile(dir)) {
      throw new BadInputException("--dir " + dir + " is a file; give a new or empty folder");
    }
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new BadInputException("--dir " + dir + " is not empty; give a new or empty folder");
        }
      } catch (IOException e) {
        throw new BadInputException("--dir " + dir + ": cannot list it (" + e.getMessage() + ")");
      }
    }
  }
}
