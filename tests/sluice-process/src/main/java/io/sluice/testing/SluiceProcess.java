package io.sluice.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM (or, through {@link #exec(String...)}, any program), for tests that run the sluice
 * CLI (or any main class) as a user would: a process of its own, with this JVM's java, the Java 17
 * flags the build defines, a classpath, environment changes and a working directory; stdout and
 * stderr captured in files (they survive {@link Process#destroy()}, which closes pipes), a bounded
 * wait that kills the process tree when it runs over, and {@link #close()} that never leaves a
 * child running.
 *
 * <p>{@link #cli(String...)} finds the CLI through the system properties the test poms set: {@code
 * sluice.runner.classes} and {@code sluice.runtime.classpath.file} (cluster-runner's classes and
 * runtime classpath, as {@code bin/sluice} uses them), {@code sluice.jvm.opens}, the job jar {@code
 * sluice.jobs.app.jar} if set, and JVM options for the CLI from {@code sluice.cli.jvm.options} if
 * set (a module's heap, say, beside its fork settings). Where the build wrote the CLI's class-data
 * sharing archive and its jar is current, the child runs from the jar and maps the archive (see
 * {@link ClassArchive}).
 */
public final class SluiceProcess implements AutoCloseable {

  /** The CLI's main class. */
  public static final String CLI_MAIN = "io.sluice.runner.SluiceCli";

  /** How a finished process ended and what it printed. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** stdout then stderr, for assertion messages and searches over both. */
    public String all() {
      return stdout + stderr;
    }
  }

  private final Process process;
  private final List<String> command;
  private final Path stdout;
  private final Path stderr;
  private final boolean deleteOutput;

  private SluiceProcess(
      Process process, List<String> command, Path stdout, Path stderr, boolean deleteOutput) {
    this.process = process;
    this.command = command;
    this.stdout = stdout;
    this.stderr = stderr;
    this.deleteOutput = deleteOutput;
  }

  /**
   * {@code sluice ARGS}: the CLI's classes and runtime classpath, located by the system properties
   * above.
   */
  public static Builder cli(String... args) {
    Path classes = Path.of(required("sluice.runner.classes"));
    Path classpathFile = Path.of(required("sluice.runtime.classpath.file"));
    if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException(
          "build the CLI first: mvn -DskipTests package -pl cluster-runner/cli -am ("
              + classes
              + ", "
              + classpathFile
              + ")");
    }
    ClassArchive archive = ClassArchive.beside(classes);
    String classpath;
    try {
      classpath =
          (archive != null ? archive.jar() : classes)
              + File.pathSeparator
              + Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> arguments = new ArrayList<>();
    if (archive != null) {
      arguments.addAll(archive.jvmOptions());
    }
    String appJar = System.getProperty("sluice.jobs.app.jar");
    if (appJar != null && !appJar.isBlank()) {
      // Otherwise the CLI finds the jar itself, as under bin/sluice.
      arguments.add("-Dsluice.jobs.app.jar=" + appJar);
    }
    arguments.addAll(List.of("-cp", classpath, CLI_MAIN));
    arguments.addAll(List.of(args));
    Builder builder = new Builder(arguments);
    String options = System.getProperty("sluice.cli.jvm.options", "").trim();
    if (!options.isEmpty()) {
      builder.jvmOptions(options.split("\\s+"));
    }
    return builder;
  }

  /**
   * {@code java ARGS} (JVM options, {@code -cp}, main class and its arguments), after the heap and
   * the build's flags.
   */
  public static Builder java(String... args) {
    return new Builder(new ArrayList<>(List.of(args)));
  }

  /** {@link #java(String...)} of {@code main} on {@code classpath}. */
  public static Builder java(String classpath, String main, List<String> args) {
    List<String> arguments = new ArrayList<>(List.of("-cp", classpath, main));
    arguments.addAll(args);
    return new Builder(arguments);
  }

  /** Any executable, e.g. {@code bin/sluice}: the command as given, without java, heap or flags. */
  public static Builder exec(String... command) {
    Builder builder = new Builder(new ArrayList<>(List.of(command)));
    builder.java = false;
    return builder;
  }

  /**
   * The JIT and GC settings every test JVM runs with ({@code sluice.test.jvm}, set by the build for
   * the test JVMs and handed on to their children); none when unset. Test JVMs are short and small:
   * C1 alone and the serial collector halve their CPU on two cores against C2 compiler threads and
   * G1's concurrent ones (docs/BENCHMARKS.md).
   */
  public static List<String> testJvmOptions() {
    String options = System.getProperty("sluice.test.jvm", "").trim();
    return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
  }

  /** {@link #testJvmOptions()} as one space-separated line: the form of a JVM options variable. */
  public static String testJvmOptionLine() {
    return String.join(" ", testJvmOptions());
  }

  /**
   * {@code --conf} pairs that give the executors and a cluster-mode driver Spark starts the {@link
   * #testJvmOptions()} (Spark's {@code *.defaultJavaOptions}, which go before the flags the CLI
   * sets as {@code extraJavaOptions}); none when unset.
   */
  public static List<String> sparkTestJvmConf() {
    String options = testJvmOptionLine();
    return options.isEmpty()
        ? List.of()
        : List.of(
            "--conf",
            "spark.executor.defaultJavaOptions=" + options,
            "--conf",
            "spark.driver.defaultJavaOptions=" + options);
  }

  /**
   * The Java 17 flags Spark and Hadoop need, as the build passes them ({@code sluice.jvm.opens});
   * none when unset.
   */
  public static List<String> jvmFlags() {
    String opens = System.getProperty("sluice.jvm.opens", "").trim();
    return opens.isEmpty() ? List.of() : Arrays.asList(opens.split("\\s+"));
  }

  /** What to start and how; {@link #run()} waits for it, {@link #start()} leaves it running. */
  public static final class Builder {
    private final List<String> arguments;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment =
        new HashMap<>(Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
    private String heap = "512m";
    private Path workDir = Path.of("").toAbsolutePath();
    private Path outputDir;
    private Duration timeout = Duration.ofMinutes(5);
    private boolean java = true;

    private Builder(List<String> arguments) {
      this.arguments = arguments;
    }

    /** The child's maximum heap ({@code -Xmx}); 512m unless set. */
    public Builder heap(String size) {
      heap = size;
      return this;
    }

    /** JVM options after the heap (a later {@code -Xmx} wins) and before the build's flags. */
    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    /** Sets a variable in the inherited environment; a null value removes it. */
    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** {@link #env(String, String)} for each entry; a null value removes the variable. */
    public Builder env(Map<String, String> changes) {
      changes.forEach(this::env);
      return this;
    }

    /** The working directory; this JVM's unless set. */
    public Builder workDir(Path dir) {
      workDir = dir;
      return this;
    }

    /**
     * Where the stdout and stderr files go (and stay); temporary files, deleted after {@link
     * #run()}, unless set.
     */
    public Builder outputDir(Path dir) {
      outputDir = dir;
      return this;
    }

    /** How long {@link #run()} waits before it kills the process tree; 5 minutes unless set. */
    public Builder timeout(Duration limit) {
      timeout = limit;
      return this;
    }

    /** {@link #timeout(Duration)} in seconds. */
    public Builder timeoutSeconds(long seconds) {
      return timeout(Duration.ofSeconds(seconds));
    }

    /** The full command line. */
    public List<String> command() {
      if (!java) {
        return List.copyOf(arguments);
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + heap);
      command.addAll(testJvmOptions());
      command.addAll(jvmOptions);
      command.addAll(jvmFlags());
      command.addAll(arguments);
      return command;
    }

    /** Starts the process; the caller waits for it or closes it. */
    public SluiceProcess start() throws IOException {
      List<String> command = command();
      Path dir = outputDir != null ? Files.createDirectories(outputDir) : null;
      Path out =
          dir != null
              ? Files.createTempFile(dir, "process", ".out")
              : Files.createTempFile("process", ".out");
      Path err =
          dir != null
              ? Files.createTempFile(dir, "process", ".err")
              : Files.createTempFile("process", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      environment.forEach(
          (name, value) -> {
            if (value == null) {
              builder.environment().remove(name);
            } else {
              builder.environment().put(name, value);
            }
          });
      return new SluiceProcess(builder.start(), command, out, err, dir == null);
    }

    /**
     * Runs the process to its end and returns what it printed; when it runs over the timeout, kills
     * it and its children and fails with the tail of its stderr.
     */
    public Result run() throws IOException, InterruptedException {
      try (SluiceProcess process = start()) {
        return process.await(timeout);
      }
    }
  }

  public Process process() {
    return process;
  }

  /** What it printed on stdout so far. */
  public String stdout() {
    return read(stdout);
  }

  /** What it printed on stderr so far. */
  public String stderr() {
    return read(stderr);
  }

  /**
   * Waits up to {@code limit} for the end; past it kills the process tree and fails with the tail
   * of stderr.
   */
  public Result await(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      destroyTree();
      throw new AssertionError(
          "timed out after "
              + limit.toSeconds()
              + "s: "
              + describeCommand()
              + "\n"
              + tail(stderr(), 60));
    }
    return new Result(process.exitValue(), stdout(), stderr());
  }

  /**
   * The first line it prints on stdout, once printed (a child that reports it is ready): fails when
   * it ends without one or prints none within {@code limit}.
   */
  public String awaitFirstLine(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      boolean alive = process.isAlive();
      String out = stdout();
      int end = out.indexOf('\n');
      if (end >= 0) {
        return out.substring(0, end);
      }
      if (!alive) {
        throw new AssertionError("ended without printing a line: " + describe());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "printed no line within " + limit.toSeconds() + "s: " + describeCommand());
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
  }

  /** stdout and stderr, labelled, for a failure message. */
  public String describe() {
    return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
  }

  /** Kills the process and its children if still running, and deletes temporary output files. */
  @Override
  public void close() {
    if (process.isAlive()) {
      destroyTree();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (deleteOutput) {
      try {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      } catch (IOException e) {
        // Temporary files: the OS cleans them up eventually.
      }
    }
  }

  private void destroyTree() {
    // Children first, listed before the parent dies and they are re-parented out of reach.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /** The command without the (long) classpath. */
  private String describeCommand() {
    List<String> shown = new ArrayList<>(command);
    int cp = shown.indexOf("-cp");
    if (cp >= 0 && cp + 1 < shown.size()) {
      shown.set(cp + 1, "...");
    }
    return String.join(" ", shown);
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<cannot read " + file + ": " + e.getMessage() + ">";
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set (run through Maven failsafe)");
    }
    return value;
  }
}
