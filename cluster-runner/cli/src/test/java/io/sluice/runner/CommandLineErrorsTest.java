package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command and group of the {@code sluice} tree, in-process, the wrong way: without a
 * subcommand, with an unknown option, with a bad value, and against an endpoint nothing answers at.
 * Each must exit 2 with exactly one line on stderr and no stack trace. The tree is walked from the
 * command line itself, so a new command fails {@link #everyCommandHasARow} until it gets a row.
 */
class CommandLineErrorsTest {

  /** Placeholders in rows: a port nothing listens on, a scratch folder, a small CSV in it. */
  private static final String PORT = "{port}";

  private static final String DIR = "{dir}";
  private static final String CSV = "{csv}";
  private static final String JSON = "{json}";
  private static final String JAR = "{jar}";

  private static final String S3_UNREACHABLE = "http://127.0.0.1:" + PORT;
  private static final String BAD_S3_ENDPOINT = "ftp://nowhere";
  private static final String POSTGRES_UNREACHABLE =
      "postgresql://sluice:secret@127.0.0.1:" + PORT + "/db";

  /**
   * Per command (its path under {@code sluice}): arguments with a value the command refuses, and
   * arguments that make it contact an unreachable endpoint, or null where it takes no such thing.
   * Jobs under {@code run} get theirs from their declared parameters ({@link #jobRow}).
   */
  private static final Map<String, Row> ROWS =
      Map.ofEntries(
          Map.entry("", Row.group()),
          Map.entry("help", Row.of(args("no-such-command"), null)),
          Map.entry("jobs", Row.of(args("extra-argument"), null)),
          Map.entry("run", Row.group()),
          Map.entry("s3", Row.group()),
          Map.entry("s3 mb", s3Row("s3://sluice-bucket")),
          Map.entry("s3 rb", s3Row("s3://sluice-bucket")),
          Map.entry("s3 ls", s3Row("s3://sluice-bucket")),
          Map.entry("s3 cp", s3Row(CSV, "s3://sluice-bucket/items.csv")),
          Map.entry("s3 rm", s3Row("s3://sluice-bucket/items.csv")),
          Map.entry("s3 sync", s3Row(DIR, "s3://sluice-bucket/dir")),
          Map.entry("s3 versioning", Row.group()),
          Map.entry("s3 versioning enable", s3Row("s3://sluice-bucket")),
          Map.entry("s3 versioning suspend", s3Row("s3://sluice-bucket")),
          Map.entry("s3 versioning status", s3Row("s3://sluice-bucket")),
          Map.entry("s3 versioning list", s3Row("s3://sluice-bucket/items.csv")),
          Map.entry("s3 policy", Row.group()),
          Map.entry("s3 policy put", s3Row("s3://sluice-bucket", JSON)),
          Map.entry("s3 policy get", s3Row("s3://sluice-bucket")),
          Map.entry("s3 policy delete", s3Row("s3://sluice-bucket")),
          // Presigning is computed locally: it never contacts the endpoint.
          Map.entry(
              "s3 presign",
              Row.of(args("get", "s3://sluice-bucket/k", "--expires", "forever"), null)),
          Map.entry("s3 acl", Row.group()),
          Map.entry("s3 acl set", s3Row("s3://sluice-bucket", "private")),
          Map.entry("s3 acl get", s3Row("s3://sluice-bucket")),
          Map.entry("services", Row.group()),
          // It serves endpoints rather than contacting one.
          Map.entry("services up", Row.of(args("--s3-port", "nine"), null)),
          Map.entry("cluster", Row.group()),
          Map.entry(
              "cluster up", Row.of(args("--workers", "two", "--run-dir", DIR + "/cluster"), null)),
          Map.entry("cluster status", Row.of(args("--run-dir", DIR + "/no-cluster"), null)),
          Map.entry("cluster scale", Row.of(args("two", "--run-dir", DIR + "/no-cluster"), null)),
          Map.entry("cluster down", Row.of(args("--run-dir", DIR + "/no-cluster"), null)),
          Map.entry(
              "submit",
              Row.of(
                  args("wordcount", "--master", "local", "--deploy-mode", "sideways"),
                  args(
                      "wordcount",
                      "--master",
                      "spark://127.0.0.1:" + PORT,
                      "--app-jar",
                      JAR,
                      "--",
                      "--input",
                      "in",
                      "--output",
                      "out"))),
          Map.entry(
              "package",
              Row.of(
                  args(
                      "--image",
                      "sluice-jobs:test",
                      "--format",
                      "zip",
                      "--out",
                      DIR + "/image.tar"),
                  null)),
          Map.entry("image", Row.group()),
          Map.entry("image inspect", Row.of(args(DIR + "/missing.tar"), null)),
          Map.entry("k8s", Row.group()),
          Map.entry("k8s manifests", Row.of(args("wordcount", "--executors", "many"), null)),
          Map.entry("kv", Row.group()),
          Map.entry("kv create-table", kvRow("Items", "--key", "id")),
          Map.entry("kv put", kvRow("Items", "--item", "{\"id\": \"a\"}")),
          Map.entry("kv get", kvRow("Items", "a")),
          Map.entry("kv update", kvRow("Items", "a", "--set", "n=1")),
          Map.entry("kv delete", kvRow("Items", "a")),
          Map.entry("kv query", kvRow("Items", "a")),
          Map.entry("kv scan", kvRow("Items")),
          Map.entry("load", Row.group()),
          Map.entry(
              "load warehouse",
              Row.of(
                  args("--input", CSV, "--table", "items", "--mode", "sideways"),
                  args("--input", CSV, "--table", "items", "--target", POSTGRES_UNREACHABLE))),
          Map.entry("load kv", kvRow("--input", CSV, "--table", "Items", "--key", "id")),
          Map.entry(
              "sql",
              Row.of(
                  args("SELECT 1", "--max-rows", "0"),
                  args("SELECT 1", "--target", POSTGRES_UNREACHABLE))),
          Map.entry(
              "clean",
              Row.of(
                  args(DIR, "--older-than", "soon"),
                  args("s3://sluice-bucket/out", "--s3-endpoint", S3_UNREACHABLE))),
          Map.entry("ml", Row.group()),
          Map.entry("ml datasource", Row.group()),
          Map.entry("ml datasource describe", Row.of(args(DIR + "/missing.yaml"), null)),
          // Train reads its spec before anything else: a local file here, so no endpoint is
          // contacted.
          Map.entry("ml train", Row.of(args(DIR + "/missing.yaml", "--cv-folds", "some"), null)),
          Map.entry(
              "ml evaluate",
              Row.of(
                  args("churn", "--threshold", "high"),
                  args(
                      "churn",
                      "--input",
                      CSV,
                      "--registry",
                      "s3://sluice-bucket/models",
                      "--s3-endpoint",
                      S3_UNREACHABLE))),
          Map.entry(
              "ml predict",
              Row.of(
                  args(
                      "churn",
                      "--registry",
                      DIR + "/models",
                      "--input",
                      CSV,
                      "--output",
                      DIR + "/predictions",
                      "--format",
                      "xls"),
                  args(
                      "churn",
                      "--input",
                      CSV,
                      "--output",
                      DIR + "/predictions",
                      "--registry",
                      "s3://sluice-bucket/models",
                      "--s3-endpoint",
                      S3_UNREACHABLE))),
          Map.entry(
              "ml models",
              Row.of(
                  args("--registry", "s3://sluice-bucket/models", "--s3-endpoint", BAD_S3_ENDPOINT),
                  args(
                      "--registry", "s3://sluice-bucket/models", "--s3-endpoint", S3_UNREACHABLE))),
          Map.entry(
              "ml generate",
              Row.of(args("--rows", "many", "--output", DIR + "/generated.csv"), null)),
          Map.entry("sample-data", Row.group()),
          Map.entry(
              "sample-data generate",
              Row.of(args("--out", DIR + "/samples", "--scale", "0"), null)),
          Map.entry("pipeline", Row.group()),
          Map.entry("pipeline run", Row.of(args(DIR + "/missing.yaml"), null)),
          Map.entry("pipeline validate", Row.of(args(DIR + "/missing.yaml"), null)),
          Map.entry("functions", Row.group()),
          Map.entry(
              "functions invoke",
              Row.of(
                  args("--jar", JAR, "--handler", "com.example.Hello", "--timeout", "soon"), null)),
          Map.entry(
              "watch",
              Row.of(
                  args(
                      "s3://sluice-bucket/in/",
                      "--pipeline",
                      DIR + "/watch.yaml",
                      "--interval",
                      "often"),
                  args(
                      "s3://sluice-bucket/in/",
                      "--pipeline",
                      DIR + "/watch.yaml",
                      "--state",
                      DIR + "/watch-state.json",
                      "--s3-endpoint",
                      S3_UNREACHABLE))),
          Map.entry(
              "demo",
              Row.of(args("--pipeline", DIR + "/missing.yaml", "--workdir", DIR + "/demo"), null)),
          // The gateway serves rather than contacts; export writes files.
          Map.entry("serve", Row.of(args(DIR + "/missing-api.yaml", "--port", "0"), null)),
          Map.entry(
              "serve export", Row.of(args(DIR + "/missing-api.yaml", "--out", DIR + "/sam"), null)),
          Map.entry("new", Row.group()),
          Map.entry("new job", Row.of(args("Not A Name", "--dir", DIR + "/new-job"), null)),
          Map.entry("completion", Row.of(args("fish"), null)));

  private static Path dir;

  /**
   * Holds {@link #closedPort}: bound, never listening, so a connection to it is refused, and no
   * other process can take the port while the tests run (a port found free and released was taken
   * by a server of a test module running beside these tests, which then answered).
   */
  private static Socket portHolder;

  private static int closedPort;

  @BeforeAll
  static void prepare() throws IOException {
    dir = Files.createTempDirectory("sluice-cli-errors");
    Files.writeString(dir.resolve("items.csv"), "id,n\na,1\n");
    Files.writeString(
        dir.resolve("watch.yaml"),
        "steps:\n  - {name: copy, kind: upload, from: '${uri}', to: 's3://sluice-bucket/out/${key}'}\n");
    Files.writeString(dir.resolve("policy.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("app.jar")))) {
      jar.putNextEntry(new JarEntry("META-INF/"));
    }
    portHolder = new Socket();
    portHolder.setReuseAddress(false);
    portHolder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    closedPort = portHolder.getLocalPort();
    // Keys for the S3 client, as any AWS SDK program reads them (the environment cannot be set
    // in-process).
    System.setProperty("aws.accessKeyId", "sluice");
    System.setProperty("aws.secretAccessKey", "sluice-secret");
  }

  @AfterAll
  static void clear() throws IOException {
    portHolder.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void everyCommandHasARow() {
    Set<String> missing = new TreeSet<>();
    for (CommandLine command : commands()) {
      String path = path(command);
      if (!ROWS.containsKey(path) && !isJob(command)) {
        missing.add(path);
      }
    }
    assertEquals(Set.of(), missing, "commands without a row in CommandLineErrorsTest.ROWS");
    Set<String> stale = new TreeSet<>(ROWS.keySet());
    commands().forEach(c -> stale.remove(path(c)));
    assertEquals(Set.of(), stale, "rows for commands that no longer exist");
  }

  /**
   * What every command and group gets: usage errors picocli reports, each as one line with a
   * pointer to help.
   */
  static Stream<Arguments> usageErrors() {
    List<Arguments> cases = new ArrayList<>();
    for (CommandLine command : commands()) {
      String path = path(command);
      if (!command.getSubcommands().isEmpty()) {
        cases.add(Arguments.of(path + " (no subcommand)", words(path)));
      }
      // picocli's help command shows help whatever follows it, as help flags do.
      if (!(command.getCommand() instanceof CommandLine.HelpCommand)) {
        cases.add(
            Arguments.of(path + " --no-such-option", concat(words(path), "--no-such-option")));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  @Timeout(60)
  void usageErrorsAreOneLineWithExitTwo(String name, String[] args) {
    CliOutcome o = CliOutcome.sluice(args);
    assertOneLineFailure(o, name);
    String command = String.join(" ", concat(new String[] {"sluice"}, path(args)));
    assertTrue(o.err.strip().endsWith("(see `" + command + " --help`)"), name + "\n" + o.err);
  }

  /**
   * Rows of the table: a bad value for every command that takes one, an unreachable endpoint where
   * one is named.
   */
  static Stream<Arguments> badRequests() {
    List<Arguments> cases = new ArrayList<>();
    for (CommandLine command : commands()) {
      String path = path(command);
      Row row = isJob(command) ? jobRow(command) : ROWS.get(path);
      if (row == null) {
        continue; // everyCommandHasARow says so
      }
      if (row.badValue() != null) {
        cases.add(Arguments.of(path + " (bad value)", concat(words(path), row.badValue())));
      }
      if (row.unreachable() != null) {
        cases.add(
            Arguments.of(path + " (unreachable endpoint)", concat(words(path), row.unreachable())));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  @Timeout(120)
  void badRequestsAreOneLineWithExitTwo(String name, String[] args) {
    String[] resolved =
        Arrays.stream(args).map(CommandLineErrorsTest::resolve).toArray(String[]::new);
    CliOutcome o = CliOutcome.sluice(resolved);
    assertOneLineFailure(o, name);
    if (name.endsWith("(unreachable endpoint)")) {
      assertTrue(
          o.err.contains(String.valueOf(closedPort)),
          "the line names the endpoint: " + name + "\n" + o.err);
    }
  }

  /**
   * Rows for the AWS flags every command reaching S3 or DynamoDB takes: a region that is no region
   * name, and the command's unreachable endpoint named through {@code --endpoint-url} instead of
   * its older option name.
   */
  static Stream<Arguments> awsFlagErrors() {
    List<Arguments> cases = new ArrayList<>();
    for (CommandLine command : commands()) {
      if (command.getCommandSpec().findOption("--region") == null) {
        continue;
      }
      String path = path(command);
      cases.add(Arguments.of(path + " (--region)", concat(words(path), "--region", "Europe")));
      Row row = isJob(command) ? jobRow(command) : ROWS.get(path);
      if (row != null && row.unreachable() != null) {
        String[] viaEndpointUrl =
            Arrays.stream(row.unreachable())
                .map(
                    a -> a.equals("--s3-endpoint") || a.equals("--endpoint") ? "--endpoint-url" : a)
                .toArray(String[]::new);
        if (Arrays.asList(viaEndpointUrl).contains("--endpoint-url")) {
          cases.add(
              Arguments.of(
                  path + " (--endpoint-url unreachable)", concat(words(path), viaEndpointUrl)));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("awsFlagErrors")
  @Timeout(120)
  void awsFlagErrorsAreOneLineWithExitTwo(String name, String[] args) {
    badRequestsAreOneLineWithExitTwo(
        name.replace("(--endpoint-url unreachable)", "(unreachable endpoint)"), args);
    if (name.endsWith("(--region)")) {
      CliOutcome o = CliOutcome.sluice(args);
      assertTrue(o.err.contains("--region") && o.err.contains("'Europe'"), name + "\n" + o.err);
    }
  }

  /**
   * Exit 2 and one line saying why, last on stderr. Lines before it can only be the command's own
   * progress (`load warehouse` names what it loads before it connects), never a stack trace.
   */
  private static void assertOneLineFailure(CliOutcome o, String name) {
    String what = name + "\n" + o;
    assertEquals(ExitCode.BAD_INPUT, o.code, what);
    List<String> lines = o.err.lines().toList();
    assertFalse(lines.isEmpty(), what);
    assertEquals(1, lines.stream().filter(l -> l.startsWith("sluice")).count(), what);
    assertTrue(lines.get(lines.size() - 1).startsWith("sluice"), what);
    assertFalse(
        o.err.contains("\tat ")
            || o.err.contains("Exception in thread")
            || o.err.contains("Caused by:"),
        what);
    assertFalse(o.out.contains("\tat "), what);
  }

  /** A job's row: an unknown engine, and its locations on an S3 endpoint nothing answers at. */
  private static Row jobRow(CommandLine command) {
    Job job = JobRegistry.load().find(command.getCommandName());
    List<String> local = new ArrayList<>();
    List<String> onS3 = new ArrayList<>();
    for (JobParameter p : job.parameters()) {
      if (!p.required()) {
        continue;
      }
      String value =
          switch (p.type()) {
            case LOCATION -> null;
            case INT, LONG -> "1";
            case STRING -> p.choices().isEmpty() ? "x" : p.choices().get(0);
            case FLAG -> null;
          };
      local.addAll(List.of("--" + p.name(), value != null ? value : DIR + "/" + p.name()));
      onS3.addAll(
          List.of("--" + p.name(), value != null ? value : "s3://sluice-bucket/" + p.name()));
    }
    onS3.addAll(List.of("--engine", "mapreduce", "--s3-endpoint", S3_UNREACHABLE));
    local.addAll(List.of("--engine", "hive"));
    return Row.of(local.toArray(String[]::new), onS3.toArray(String[]::new));
  }

  private static boolean isJob(CommandLine command) {
    CommandLine parent = command.getParent();
    return parent != null
        && parent.getCommandName().equals(SluiceCli.RUN)
        && parent.getParent() != null
        && parent.getParent().getParent() == null;
  }

  /**
   * Every command and group once (aliases share a command line), depth first from {@code sluice}.
   */
  private static List<CommandLine> commands() {
    return everyCommand(SluiceCli.commandLine(JobRegistry.load()));
  }

  /** Every command and group under {@code root} once, depth first (NarrowedTreeTest too). */
  static List<CommandLine> everyCommand(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    walk(root, all, new IdentityHashMap<>());
    return all;
  }

  private static void walk(
      CommandLine line, List<CommandLine> all, Map<CommandLine, Boolean> seen) {
    if (seen.put(line, true) != null) {
      return;
    }
    all.add(line);
    line.getSubcommands().values().forEach(sub -> walk(sub, all, seen));
  }

  /** The command's path under {@code sluice}: "" for the root, "s3 cp", "run wordcount". */
  private static String path(CommandLine command) {
    return command.getCommandSpec().qualifiedName(" ").replaceFirst("^sluice ?", "");
  }

  /** The command words at the start of {@code args}: what the usage hint names. */
  private static String[] path(String[] args) {
    return Arrays.stream(args).takeWhile(a -> !a.startsWith("-")).toArray(String[]::new);
  }

  private static String[] words(String path) {
    return path.isEmpty() ? new String[0] : path.split(" ");
  }

  private static String[] args(String... args) {
    return args;
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  private static String resolve(String arg) {
    return arg.replace(PORT, String.valueOf(closedPort))
        .replace(CSV, dir.resolve("items.csv").toString())
        .replace(JSON, dir.resolve("policy.json").toString())
        .replace(JAR, dir.resolve("app.jar").toString())
        .replace(DIR, dir.toString());
  }

  private static Row s3Row(String... args) {
    return Row.of(
        concat(args, "--s3-endpoint", BAD_S3_ENDPOINT),
        concat(args, "--s3-endpoint", S3_UNREACHABLE));
  }

  private static Row kvRow(String... args) {
    return Row.of(
        concat(args, "--endpoint", "ftp://nowhere"), concat(args, "--endpoint", S3_UNREACHABLE));
  }

  /** A command's bad-value and unreachable-endpoint arguments, either null where it takes none. */
  private record Row(String[] badValue, String[] unreachable) {
    static Row of(String[] badValue, String[] unreachable) {
      return new Row(badValue, unreachable);
    }

    /** A group: it takes no values and contacts nothing; the usage rows cover it. */
    static Row group() {
      return new Row(null, null);
    }
  }
}
