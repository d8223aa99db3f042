package io.sluice.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.SampleText;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.StandaloneCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One real Spark standalone cluster for the class (master + 2 workers, each its own JVM, under the
 * CLI's supervisor), driven only through the {@code sluice} command line, each command a new JVM as
 * from a new shell: jobs in client and cluster deploy mode, a worker killed with SIGKILL while a
 * job runs, scaling 2 -> 3 -> 1, and {@code down} leaving no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterIT {

  private static final Path TARGET =
      Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath();
  private static final long CLI_TIMEOUT = StandaloneCluster.CLI_TIMEOUT_SECONDS;

  /** Few shuffle partitions and no web UI: small jobs on a 2-core machine. */
  private static final String[] LIGHT = {
    "--conf", "spark.sql.shuffle.partitions=4", "--conf", "spark.ui.enabled=false"
  };

  /** Small executors and drivers, so that a driver and an executor fit on one 1 GiB worker. */
  private static final String[] SMALL = {
    "--conf", "spark.executor.memory=512m", "--conf", "spark.driver.memory=512m"
  };

  /**
   * One executor of two cores per app: each job here runs in one executor JVM, which a busy 2-core
   * machine starts sooner than two (the worker-kill test keeps one executor per worker).
   */
  private static final String[] ONE_EXECUTOR = {
    "--conf", "spark.executor.cores=2", "--conf", "spark.cores.max=2"
  };

  private static StandaloneCluster cluster;
  private static Path runDir;
  private static Path data;
  private static int masterPort;
  private static int uiPort;
  private static List<Long> pidsSeen = new ArrayList<>();

  /** Set once the last test has taken the cluster down itself. */
  private static boolean downByTest;

  @BeforeAll
  static void up() throws Exception {
    Path base = Files.createDirectories(TARGET.resolve("local-cluster-it"));
    runDir = Files.createTempDirectory(base, "run");
    data = Files.createTempDirectory(base, "data");
    cluster =
        StandaloneCluster.up(
            runDir, data, "--workers", "2", "--worker-cores", "2", "--worker-memory", "1g");
    masterPort = cluster.masterPort();
    uiPort = cluster.uiPort();
    pidsSeen.addAll(ClusterFixtures.recordedPids(ClusterFixtures.state(runDir)));
  }

  @AfterAll
  static void down() throws Exception {
    if (runDir == null) {
      return;
    }
    if (!downByTest) {
      // The kill -9 test did not get as far as its own `down`: this one must clean up all the same.
      pidsSeen.addAll(ClusterFixtures.recordedPids(ClusterFixtures.state(runDir)));
      assertCleanDown();
    }
    SluiceProcess.Result again = cluster.down();
    assertEquals(2, again.exitCode(), again.all());
    assertTrue(again.stderr().contains("no cluster is running from " + runDir), again.stderr());
  }

  /**
   * `cluster down` from a new shell: exit 0, and no process of the cluster is left, by pid or by
   * command line.
   */
  private static void assertCleanDown() throws Exception {
    SluiceProcess.Result down = cluster.down();
    assertEquals(0, down.exitCode(), down.all());
    assertTrue(down.stdout().contains("none left"), down.stdout());
    for (long pid : pidsSeen) {
      assertFalse(ClusterFixtures.alive(pid), "pid " + pid + " survived `cluster down`");
    }
    assertEquals(
        List.of(),
        ClusterFixtures.processesMentioning(runDir),
        "processes left after `cluster down`");
  }

  /**
   * A job in client mode, then `cluster status` from a new shell: the two workers, the master and
   * the job among the finished apps.
   */
  @Test
  @Order(2)
  void wordCountInClientModeThenStatusFromANewShell() throws Exception {
    WordCountInput in = wordCountInput("client", 3000, 7, 3);
    SluiceProcess.Result r = submit("client", in);
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.stdout().contains(in.summary()), r.stdout());
    assertTrue(r.stdout().contains("(client mode): succeeded"), r.stdout());
    in.assertOutput();
    assertTrue(
        completedApps().contains("sluice wordcount"),
        "the app did not run on the cluster's master");

    SluiceProcess.Result status = cluster.status();
    assertEquals(0, status.exitCode(), status.all());
    assertTrue(status.stdout().contains("workers: 2 alive (wanted 2), cores 4"), status.stdout());
    assertTrue(status.stdout().contains("memory 2048 MiB"), status.stdout());
    assertTrue(
        status.stdout().contains("master: spark://127.0.0.1:" + masterPort + " ALIVE"),
        status.stdout());
    assertTrue(status.stdout().contains("apps: 0 running, 1 completed"), status.stdout());
    assertTrue(
        Pattern.compile("(?m)^  app-\\S+  sluice wordcount  FINISHED  cores [1-4]  time=[0-9.]+s$")
            .matcher(status.stdout())
            .find(),
        status.stdout());

    // The same status as one JSON object: the fields the text shows, as numbers and lists.
    SluiceProcess.Result json =
        cluster.cli("cluster", "status", "--run-dir", runDir.toString(), "--json");
    assertEquals(0, json.exitCode(), json.all());
    assertEquals(1, json.stdout().strip().lines().count(), json.stdout());
    JsonNode s = new ObjectMapper().readTree(json.stdout());
    assertEquals("running", s.get("cluster").asText(), json.stdout());
    assertEquals("spark://127.0.0.1:" + masterPort, s.get("masterUrl").asText());
    assertEquals("ALIVE", s.get("masterStatus").asText(), json.stdout());
    assertTrue(s.get("masterError").isNull(), json.stdout());
    assertEquals(2, s.get("workersWanted").asInt());
    assertEquals(2, s.get("workers").size(), json.stdout());
    for (JsonNode w : s.get("workers")) {
      assertEquals("ALIVE", w.get("state").asText(), json.stdout());
      assertEquals(2, w.get("cores").asInt(), json.stdout());
      assertEquals(1024, w.get("memoryMb").asInt(), json.stdout());
    }
    assertEquals(0, s.get("activeApps").size(), json.stdout());
    assertEquals(1, s.get("completedApps").size(), json.stdout());
    JsonNode app = s.get("completedApps").get(0);
    assertEquals("sluice wordcount", app.get("name").asText());
    assertEquals("FINISHED", app.get("state").asText());
    assertTrue(app.get("durationMs").isNumber(), json.stdout());
    assertTrue(s.get("supervisorPid").asLong() > 0, json.stdout());
  }

  @Test
  @Order(3)
  void pipelineRunsOnTheStandaloneClusterAndOnAnyMasterUrl() throws Exception {
    Path root =
        Path.of(System.getProperty("sluice.repo.root", "../..")).toAbsolutePath().normalize();
    Path out = data.resolve("pipeline-out");
    Path file = data.resolve("cluster-pipeline.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: on-cluster",
            "vars: {data: " + root.resolve("sample-data") + ", out: " + out + "}",
            "steps:",
            "  - name: etl-orders",
            "    kind: job",
            "    job: etl",
            "    options: {input: '${data}/etl/orders.csv', schema: '${data}/etl/orders.schema.yaml',",
            "              output: '${out}/orders', overwrite: true}",
            "  - {name: per-day, kind: spark-sql, inputs: {orders: '${out}/orders'},",
            "     query: 'SELECT order_date, count(*) AS n FROM orders GROUP BY order_date', output: '${out}/per-day'}",
            ""));
    List<List<String>> targets =
        List.of(
            List.of("--on", "standalone", "--run-dir", runDir.toString()),
            List.of(
                "--on",
                "cluster",
                "--master",
                "spark://127.0.0.1:" + masterPort,
                "--conf",
                "spark.executor.memory=512m",
                "--conf",
                "spark.cores.max=2"));
    // Both forms at the same time, each an app with one 2-core executor (4 cores in all): the runs
    // mostly wait on JVM start-ups and on the master, and those waits overlap.
    List<SluiceProcess> runs = new ArrayList<>();
    try {
      for (List<String> target : targets) {
        List<String> args = new ArrayList<>(List.of("pipeline", "run", file.toString()));
        args.addAll(target);
        args.addAll(List.of(ONE_EXECUTOR));
        args.addAll(SluiceProcess.sparkTestJvmConf());
        // Each run writes apart from the other.
        args.addAll(List.of("--var", "out=" + out.resolve(target.get(1))));
        runs.add(
            SluiceProcess.cli(args.toArray(String[]::new))
                // A working directory each: one pipeline run at a time may use a directory's
                // .sluice (its quarantine and reports).
                .workDir(Files.createDirectories(data.resolve("wd-" + target.get(1))))
                .outputDir(data)
                .start());
      }
    } catch (IOException | RuntimeException e) {
      runs.forEach(SluiceProcess::close);
      throw e;
    }
    for (int i = 0; i < targets.size(); i++) {
      List<String> target = targets.get(i);
      SluiceProcess.Result r;
      try (SluiceProcess run = runs.get(i)) {
        r = run.await(Duration.ofSeconds(CLI_TIMEOUT));
      }
      assertEquals(0, r.exitCode(), target + ":\n" + r.all());
      assertTrue(
          Pattern.compile("(?m)^etl-orders\\s+job\\s+1004\\s+1000\\s+4\\s+980\\s")
              .matcher(r.stdout())
              .find(),
          target + ":\n" + r.stdout());
      assertTrue(
          Pattern.compile("(?m)^per-day\\s+spark-sql\\s+980\\s+980\\s+0\\s+5\\s")
              .matcher(r.stdout())
              .find(),
          target + ":\n" + r.stdout());
      assertTrue(
          r.stdout().contains("pipeline on-cluster [" + target.get(1) + "] done: 2 steps"),
          r.stdout());
    }
    assertTrue(
        completedApps().contains("sluice pipeline"),
        "the pipeline's Spark session did not run on the master");
  }

  @Test
  @Order(4)
  void wordCountInClusterMode() throws Exception {
    WordCountInput in = wordCountInput("cluster", 2000, 11, 2);
    SluiceProcess.Result r = submit("cluster", in);
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.stdout().contains("(cluster mode): succeeded"), r.stdout());
    assertTrue(
        Files.exists(in.output().resolve("_SUCCESS")),
        "no _SUCCESS: the driver on the cluster did not commit");
    in.assertOutput();
    // The driver ran inside a worker: its summary line is in that driver's stdout under the run
    // dir.
    String driverOut = driverStdouts();
    assertTrue(driverOut.contains("wordcount [spark] done: read=" + in.lines().size()), driverOut);
  }

  @Test
  @Order(5)
  void jobSurvivesAWorkerKilledWhileItRunsAndTheWorkerComesBack() throws Exception {
    WordCountInput in = wordCountInput("kill", 120_000, 23, 8);
    List<String> args =
        new ArrayList<>(List.of("submit", "--master", "spark://127.0.0.1:" + masterPort));
    args.addAll(List.of(SMALL));
    args.addAll(List.of(LIGHT));
    args.addAll(SluiceProcess.sparkTestJvmConf());
    args.addAll(
        List.of(
            "--conf",
            "spark.sql.files.maxPartitionBytes=65536",
            "wordcount",
            "--input",
            in.dir().toString(),
            "--output",
            in.output().toString()));
    try (SluiceProcess submit =
        SluiceProcess.cli(args.toArray(String[]::new)).workDir(data).outputDir(data).start()) {
      // Wait until the app holds cores on both workers: executors are running tasks.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (!executorsOnBothWorkers()) {
        assertTrue(
            submit.process().isAlive(),
            "the job ended before a worker could be killed:\n" + submit.stderr());
        assertTrue(System.nanoTime() < deadline, "the app never got executors on both workers");
        Thread.sleep(300);
      }
      Properties before = ClusterFixtures.state(runDir);
      long victim = Long.parseLong(before.getProperty("worker.1.pid"));
      assertTrue(submit.process().isAlive(), "the job ended before a worker could be killed");
      new ProcessBuilder("kill", "-9", Long.toString(victim)).start().waitFor();
      pidsSeen.add(victim);

      assertTrue(
          submit.process().waitFor(CLI_TIMEOUT, TimeUnit.SECONDS),
          "the job did not finish after the kill");
      String stdout = submit.stdout();
      assertEquals(0, submit.process().exitValue(), stdout + submit.stderr());
      assertTrue(stdout.contains(in.summary()), stdout);
      in.assertOutput();

      // Self-healing: the supervisor started worker-1 again, and the master counts 2 workers again.
      long healDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (true) {
        Properties now = ClusterFixtures.state(runDir);
        long pid = Long.parseLong(now.getProperty("worker.1.pid"));
        SluiceProcess.Result status = cluster.status();
        if (pid != victim && status.stdout().contains("workers: 2 alive")) {
          assertTrue(
              status.stdout().contains("restarts 1") || status.stdout().contains("restarts 2"),
              status.stdout());
          assertTrue(
              status.stdout().contains("worker-1 (pid " + victim + ") exited with code 137"),
              status.stdout());
          pidsSeen.add(pid);
          break;
        }
        assertTrue(
            System.nanoTime() < healDeadline,
            "the killed worker was not restarted:\n" + status.stdout());
        Thread.sleep(1000);
      }
    }
  }

  @Test
  @Order(6)
  void scalesUpAndDown() throws Exception {
    SluiceProcess.Result three = scale(3);
    assertEquals(0, three.exitCode(), three.all());
    assertTrue(three.stdout().contains("cluster scaled: 3 workers alive, cores 6"), three.stdout());
    Properties at3 = ClusterFixtures.state(runDir);
    List<Long> pids3 = ClusterFixtures.recordedPids(at3);
    pidsSeen.addAll(pids3);
    long worker3 = Long.parseLong(at3.getProperty("worker.3.pid"));
    long worker2 = Long.parseLong(at3.getProperty("worker.2.pid"));

    SluiceProcess.Result one = scale(1);
    assertEquals(0, one.exitCode(), one.all());
    assertTrue(one.stdout().contains("cluster scaled: 1 workers alive, cores 2"), one.stdout());
    assertFalse(ClusterFixtures.alive(worker2), "worker-2 still runs after scale 1");
    assertFalse(ClusterFixtures.alive(worker3), "worker-3 still runs after scale 1");
    SluiceProcess.Result status = cluster.status();
    assertTrue(status.stdout().contains("workers: 1 alive (wanted 1)"), status.stdout());
  }

  /**
   * `sluice submit --master local[2]`: Spark's own SparkSubmit in a child JVM, no cluster involved.
   */
  @Test
  @Order(7)
  void submitToALocalMasterRunsSparkSubmitInAChildJvm() throws Exception {
    WordCountInput in = wordCountInput("local", 1500, 31, 2);
    int completedBefore = countCompletedApps();
    List<String> args = new ArrayList<>(List.of("submit", "--master", "local[2]"));
    args.addAll(List.of(LIGHT));
    args.addAll(SluiceProcess.sparkTestJvmConf());
    args.addAll(
        List.of("wordcount", "--input", in.dir().toString(), "--output", in.output().toString()));
    SluiceProcess.Result r = cluster.cli(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.all());
    assertTrue(r.stdout().contains(in.summary()), r.stdout());
    assertTrue(
        r.stdout().contains("submit wordcount [spark] to local[2] (client mode): succeeded"),
        r.stdout());
    assertTrue(Files.exists(in.output().resolve("_SUCCESS")));
    in.assertOutput();
    assertEquals(
        completedBefore, countCompletedApps(), "a local[2] submission must not reach the cluster");
  }

  /**
   * A supervisor killed with SIGKILL cannot stop its daemons: the master and workers live on as
   * orphans. `status` says the cluster is not running; `down` from a new shell still finds and
   * stops every process.
   */
  @Test
  @Order(8)
  void downAfterTheSupervisorWasKilledLeavesNoProcess() throws Exception {
    Properties state = ClusterFixtures.state(runDir);
    List<Long> pids = ClusterFixtures.recordedPids(state);
    pidsSeen.addAll(pids);
    long supervisor = Long.parseLong(state.getProperty("supervisor.pid"));
    long master = Long.parseLong(state.getProperty("master.pid"));
    new ProcessBuilder("kill", "-9", Long.toString(supervisor)).start().waitFor();
    ProcessHandle.of(supervisor).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    assertFalse(ClusterFixtures.alive(supervisor), "the supervisor survived kill -9");
    assertTrue(
        ClusterFixtures.alive(master),
        "the master should outlive its supervisor (orphaned, not stopped)");

    SluiceProcess.Result status = cluster.status();
    assertEquals(2, status.exitCode(), status.all());
    assertTrue(
        status.stderr().contains("is not running (its supervisor pid " + supervisor + " is gone"),
        status.stderr());

    downByTest = true;
    assertCleanDown();
    assertTrue(pidsSeen.containsAll(pids));
  }

  private static SluiceProcess.Result scale(int workers) throws Exception {
    return cluster.cli(
        "cluster", "scale", "" + workers, "--run-dir", runDir.toString(), "--timeout", "300");
  }

  private static SluiceProcess.Result submit(String mode, WordCountInput in) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "submit", "--master", "spark://127.0.0.1:" + masterPort, "--deploy-mode", mode));
    args.addAll(List.of(SMALL));
    args.addAll(List.of(LIGHT));
    args.addAll(SluiceProcess.sparkTestJvmConf());
    args.addAll(List.of(ONE_EXECUTOR));
    args.addAll(
        List.of("wordcount", "--input", in.dir().toString(), "--output", in.output().toString()));
    return cluster.cli(args.toArray(String[]::new));
  }

  /** A wordcount's input lines, the directory they are written to and the job's output. */
  private record WordCountInput(List<String> lines, Path dir, Path output) {
    /** The summary line of a run that read and accepted every line. */
    String summary() {
      return ClusterFixtures.allAcceptedSummary(lines);
    }

    void assertOutput() throws IOException {
      assertEquals(ClusterFixtures.expectedWordCount(lines), ClusterFixtures.partFiles(output));
    }
  }

  /**
   * {@code count} lines from {@code seed} as {@code files} files (so the job has several tasks)
   * under data/NAME-in; the output is to go to data/NAME-out.
   */
  private static WordCountInput wordCountInput(String name, int count, long seed, int files)
      throws IOException {
    List<String> lines = SampleText.lines(count, seed);
    return new WordCountInput(
        lines, writeInput(name + "-in", lines, files), data.resolve(name + "-out"));
  }

  private static Path writeInput(String name, List<String> lines, int files) throws IOException {
    Path dir = Files.createDirectories(data.resolve(name));
    int per = (lines.size() + files - 1) / files;
    for (int f = 0; f < files; f++) {
      List<String> part =
          lines.subList(Math.min(lines.size(), f * per), Math.min(lines.size(), (f + 1) * per));
      Files.write(dir.resolve(String.format("part-%02d.txt", f)), part, StandardCharsets.UTF_8);
    }
    return dir;
  }

  private static String masterJson() throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  private static int countCompletedApps() throws IOException, InterruptedException {
    Matcher m = Pattern.compile("\"id\" : \"app-").matcher(completedApps());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String completedApps() throws IOException, InterruptedException {
    String json = masterJson();
    return json.substring(json.indexOf("\"completedapps\""));
  }

  private static boolean executorsOnBothWorkers() throws IOException, InterruptedException {
    String json = masterJson();
    Matcher m =
        Pattern.compile("\"coresused\" : (\\d+)")
            .matcher(json.substring(0, json.indexOf("\"aliveworkers\"")));
    int busy = 0;
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) > 0) {
        busy++;
      }
    }
    return busy >= 2 && json.contains("\"activeapps\" : [ {");
  }

  private static String driverStdouts() throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.walk(runDir.resolve("work"))) {
      for (Path p :
          files
              .filter(
                  f ->
                      f.getFileName().toString().equals("stdout")
                          && f.getParent().getFileName().toString().startsWith("driver-"))
              .toList()) {
        all.append(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }
}
