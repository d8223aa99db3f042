package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A user's job from nothing to every runtime, as the README's "Write your own job" tells it: {@code
 * sluice new job}, the generated project's own {@code mvn -B verify} (its tests on local Spark, a
 * MiniDFSCluster and embedded S3), then its jar with {@code sluice run --jar} on both engines,
 * {@code sluice submit --jar} to a local standalone cluster, and the image of {@code sluice package
 * --jar} under podman. Every output is checked against counts this test knows from generating the
 * input, not from parsing it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewJobEndToEndIT {

  private static final String JOB = "city-counts";
  private static final long CLI_TIMEOUT = 600;
  private static final String[] SMALL_SPARK = {
    "--conf", "spark.sql.shuffle.partitions=4", "--conf", "spark.ui.enabled=false"
  };

  private static Path work;
  private static Path project;
  private static Path jar;
  private static Path input;
  private static Input expected;
  private static Path clusterRunDir;

  @BeforeAll
  static void newProjectAndInput() throws IOException, InterruptedException {
    Path base = Files.createDirectories(Path.of("target/new-job-e2e").toAbsolutePath());
    work = Files.createTempDirectory(base, "run");
    project = work.resolve(JOB);
    input = Files.createDirectories(work.resolve("in"));
    expected = Input.write(input, 3, 1_500, 42);

    SluiceProcess.Result created =
        cli("new", "job", JOB, "--dir", project.toString(), "--package", "org.acme.cities");
    assertEquals(0, created.exitCode(), created.stderr());
    assertTrue(
        created.stdout().contains("new job city-counts (org.acme.cities.CityCountsJob)"),
        created.stdout());

    SluiceProcess.Result again = cli("new", "job", JOB, "--dir", project.toString());
    assertEquals(2, again.exitCode(), "a non-empty folder is refused");
    assertTrue(
        again
            .stderr()
            .contains("sluice: --dir " + project + " is not empty; give a new or empty folder"),
        again.stderr());
  }

  @AfterAll
  static void stopClusterAndImage() throws IOException, InterruptedException {
    if (clusterRunDir != null) {
      cli("cluster", "down", "--run-dir", clusterRunDir.toString());
    }
    Podman.cleanUp("rmi", "--force", "localhost/city-counts:it");
  }

  @Test
  @Order(1)
  void theGeneratedProjectBuildsAndPassesItsOwnTests() throws IOException, InterruptedException {
    Path log = work.resolve("mvn-verify.log");
    // Offline: the suite's own build already holds every artifact and plugin the project needs.
    ProcessBuilder build =
        new ProcessBuilder("mvn", "-B", "-o", "verify")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Maven's JVM and the project's test JVM with the suite's test JVM options (C1 alone, the
    // serial collector), as every other JVM of the suite: the build took 40-43 s of CPU with the
    // JDK's defaults and 22-24 s with these on two busy cores.
    String testJvm = SluiceProcess.testJvmOptionLine();
    if (!testJvm.isEmpty()) {
      build.environment().merge("JAVA_TOOL_OPTIONS", testJvm, (had, added) -> had + " " + added);
    }
    Process mvn = build.start();
    if (!mvn.waitFor(15, TimeUnit.MINUTES)) {
      mvn.descendants().forEach(ProcessHandle::destroyForcibly);
      mvn.destroyForcibly();
      throw new AssertionError(
          "mvn -B -o verify of the new project took over 15 minutes:\n"
              + Podman.tail(Files.readString(log)));
    }
    String output = Files.readString(log);
    assertEquals(0, mvn.exitValue(), Podman.tail(output));
    // Every generated test ran and none failed or was skipped: both engines alike on each storage,
    // bad input and an existing output on each engine.
    assertTrue(
        output.contains("Tests run: 7, Failures: 0, Errors: 0, Skipped: 0"), Podman.tail(output));
    jar = project.resolve("target/city-counts-1.0-SNAPSHOT.jar");
    assertTrue(Files.isRegularFile(jar), "the job jar");
  }

  @Test
  @Order(2)
  void runsWithSluiceRunOnBothEngines() throws IOException, InterruptedException {
    for (String engine : List.of("spark", "mapreduce")) {
      Path out = work.resolve("run-" + engine);
      SluiceProcess.Result r = runJar(engine, input, out);
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stdout().contains(expected.summary(engine)), r.stdout());
      expected.assertOutput(out);
    }
  }

  /** The README's own example, to the letter of its summary line. */
  @Test
  @Order(3)
  void theReadmeExampleCountsAsTheReadmeSays() throws IOException, InterruptedException {
    Path cities = work.resolve("cities.csv");
    Files.writeString(cities, "city,amount\nOslo,3\nLima,4\nOslo,5\n2\n");
    Path out = work.resolve("readme-out");
    SluiceProcess.Result r = runJar("mapreduce", cities, out);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(
        r.stdout()
            .contains(
                "city-counts [mapreduce] done: read=4 accepted=3 rejected=1 written=2 records"),
        r.stdout());
    assertEquals("Lima\t1\nOslo\t2\n", Files.readString(out.resolve("part-r-00000")));
  }

  @Test
  @Order(3)
  void sluiceJarsInTheEnvironmentWorksLikeJar() throws IOException, InterruptedException {
    SluiceProcess.Result jobs =
        SluiceProcess.cli("jobs")
            .workDir(work)
            .env(Map.of("SLUICE_JARS", jar.toString()))
            .timeoutSeconds(CLI_TIMEOUT)
            .run();
    assertEquals(0, jobs.exitCode(), jobs.stderr());
    assertTrue(jobs.stdout().contains(JOB), jobs.stdout());
  }

  /**
   * {@code sluice submit --jar} through Spark's SparkSubmit, to a standalone cluster in client
   * mode: the driver loads the user's jar as it does with a {@code local[2]} master (which
   * tests/cluster submits to), and the executors, JVMs of their own, get it from the driver.
   */
  @Test
  @Order(5)
  void runsThroughSparkSubmitOnTheLocalStandaloneCluster()
      throws IOException, InterruptedException {
    clusterRunDir = Files.createTempDirectory(work, "cluster");
    int masterPort = freePort();
    // The master and worker JVMs inherit the CLI's environment: the suite's test JVM options reach
    // them, as they reach the executors through sparkTestJvmConf, by the variable the java
    // launcher reads.
    String testJvm = SluiceProcess.testJvmOptionLine();
    SluiceProcess.Builder clusterUp =
        SluiceProcess.cli(
                "cluster",
                "up",
                "--workers",
                "1",
                "--worker-cores",
                "2",
                "--worker-memory",
                "1g",
                "--master-port",
                "" + masterPort,
                "--ui-port",
                "" + freePort(),
                "--run-dir",
                clusterRunDir.toString(),
                "--timeout",
                "300")
            .workDir(work)
            .timeoutSeconds(CLI_TIMEOUT);
    if (!testJvm.isEmpty()) {
      clusterUp.env("JDK_JAVA_OPTIONS", testJvm);
    }
    SluiceProcess.Result up = clusterUp.run();
    assertEquals(0, up.exitCode(), up.stderr());

    submitAndCheck(
        work.resolve("submit-cluster"),
        "spark://127.0.0.1:" + masterPort,
        "--conf",
        "spark.executor.memory=512m");

    SluiceProcess.Result down = cli("cluster", "down", "--run-dir", clusterRunDir.toString());
    assertEquals(0, down.exitCode(), down.stderr());
    clusterRunDir = null;
  }

  @Test
  @Order(6)
  void runsFromThePackagedImageUnderPodman() throws IOException, InterruptedException {
    Podman.assumeAvailable();
    Path image = work.resolve("city-counts-image.tar");
    SluiceProcess.Result packaged =
        TestImages.packageCommand(
                "--jar",
                jar.toString(),
                "--image",
                "city-counts:it",
                "--out",
                image.toString(),
                "--cache-dir",
                TestImages.cacheDir().toString())
            .workDir(work)
            .timeoutSeconds(CLI_TIMEOUT)
            .run();
    assertEquals(0, packaged.exitCode(), packaged.stderr());

    Path data = work.resolve("podman");
    Path in = Files.createDirectories(data.resolve("in"));
    try (Stream<Path> files = Files.list(input)) {
      for (Path f : files.toList()) {
        Files.copy(f, in.resolve(f.getFileName()));
      }
    }
    Path out = TestImages.worldWritable(data.resolve("out"));
    Podman.Result run =
        ContainerRun.of(image)
            .data(in, out)
            .runJob(Duration.ofMinutes(10), JOB, "spark", "in", "counts", "--column", "city")
            .assertOk("podman run " + JOB);
    assertTrue(run.output().contains(expected.summary("spark")), Podman.tail(run.output()));
    expected.assertOutput(out.resolve("counts"));
  }

  /** {@code sluice run --jar} of the job on one engine, counting the city column. */
  private static SluiceProcess.Result runJar(String engine, Path in, Path out)
      throws IOException, InterruptedException {
    return cli(
        "run",
        "--jar",
        jar.toString(),
        JOB,
        "--engine",
        engine,
        "--input",
        in.toString(),
        "--output",
        out.toString(),
        "--column",
        "city");
  }

  /** The CLI in a JVM of its own, in the work folder. */
  private static SluiceProcess.Result cli(String... args) throws IOException, InterruptedException {
    return SluiceProcess.cli(args).workDir(work).timeoutSeconds(CLI_TIMEOUT).run();
  }

  /** {@code sluice submit --jar} of the job to a master, its summary and output checked. */
  private static void submitAndCheck(Path out, String master, String... conf)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(List.of("submit", "--jar", jar.toString(), "--master", master));
    args.addAll(List.of(conf));
    args.addAll(List.of(SMALL_SPARK));
    args.addAll(SluiceProcess.sparkTestJvmConf());
    args.addAll(
        List.of(JOB, "--input", input.toString(), "--output", out.toString(), "--column", "city"));
    SluiceProcess.Result r = cli(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains(expected.summary("spark")), r.stdout());
    expected.assertOutput(out);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /**
   * CSV files whose every row this test wrote knowingly: the header's column order differs per
   * file, values include non-ASCII, an empty value and a quoted comma, and some rows are short
   * (rejected).
   */
  private record Input(Map<String, Long> counts, long rows, long rejected) {

    private static final String[] CITIES = {
      "Oslo",
      "Lima",
      "\u00c5re",
      "S\u00e3o Paulo",
      "\u6771\u4eac",
      "Zurich",
      "",
      "Paris, TX",
      "oslo"
    };

    static Input write(Path dir, int files, int rowsPerFile, long seed) throws IOException {
      Map<String, Long> counts =
          new TreeMap<>(
              (a, b) ->
                  Arrays.compareUnsigned(
                      a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      long rows = 0;
      long rejected = 0;
      for (int f = 0; f < files; f++) {
        boolean cityFirst = f % 2 == 0;
        List<String> lines = new ArrayList<>();
        lines.add(cityFirst ? "city,amount,note" : "amount,note,city");
        for (int i = 0; i < rowsPerFile; i++) {
          seed = seed * 6364136223846793005L + 1442695040888963407L;
          String city = CITIES[(int) ((seed >>> 33) % CITIES.length)];
          String field = city.contains(",") ? "\"" + city + "\"" : city;
          rows++;
          if ((seed >>> 20) % 17 == 0) {
            lines.add(String.valueOf(i)); // one field where the header has three
            rejected++;
            continue;
          }
          lines.add(cityFirst ? field + "," + i + ",n" : i + ",n," + field);
          counts.merge(city, 1L, Long::sum);
        }
        Files.write(dir.resolve("stores-" + f + ".csv"), lines, StandardCharsets.UTF_8);
      }
      return new Input(counts, rows, rejected);
    }

    String summary(String engine) {
      return JOB
          + " ["
          + engine
          + "] done: read="
          + rows
          + " accepted="
          + (rows - rejected)
          + " rejected="
          + rejected
          + " written="
          + counts.size()
          + " records";
    }

    void assertOutput(Path out) throws IOException {
      StringBuilder want = new StringBuilder();
      counts.forEach((city, n) -> want.append(city).append('\t').append(n).append('\n'));
      StringBuilder got = new StringBuilder();
      try (Stream<Path> parts = Files.list(out)) {
        for (Path p :
            parts.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
          got.append(Files.readString(p, StandardCharsets.UTF_8));
        }
      }
      assertEquals(want.toString(), got.toString(), "value<TAB>count lines of " + out);
      long quarantined = 0;
      try (Stream<Path> files = Files.list(out.resolve("_rejected"))) {
        for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
          quarantined += Files.readAllLines(p).size();
        }
      }
      assertEquals(rejected, quarantined, "rejected lines under " + out + "/_rejected");
    }
  }
}
