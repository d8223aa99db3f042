package io.sluice.tests.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.S3ObjectStore;
import io.sluice.testing.S3Bucket;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.SluiceTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice watch} as a child JVM against the embedded S3 endpoint, with pipelines of upload
 * steps (no Spark): each new object runs once, a restart runs nothing, new and changed objects run,
 * a failing pipeline is retried then recorded (that it is then left alone: ObjectWatcherTest), one
 * watcher per state file, SIGTERM lets the run in progress finish (exit 0), and a watcher killed
 * mid-run has that object redone on the next start. A run is held mid-step by a named pipe the
 * pipeline reads, so no timing is guessed.
 */
@SluiceTest
class WatchIT {

  private static final Pattern OK_RUN =
      Pattern.compile("watch: s3://[^/]+/(\\S+) \\(\\S+\\) -> run \\d+ ok in ");

  @TempDir static Path dir;

  private static S3Bucket bucket;
  private static ObjectStore store;
  private static Map<String, String> env;
  private static Path copy;
  private static Path failing;
  private static Path gated;

  @BeforeAll
  static void start(S3Bucket classBucket) throws IOException {
    bucket = classBucket;
    store = S3ObjectStore.create(bucket.storageConfig());
    env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", bucket.hadoopSettings().get("fs.s3a.access.key"));
    env.put("AWS_SECRET_ACCESS_KEY", bucket.hadoopSettings().get("fs.s3a.secret.key"));
    env.put("AWS_REGION", "us-east-1");
    for (String unset :
        List.of("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3")) {
      env.put(unset, null);
    }
    String out = bucket.uri("out");
    copy =
        pipeline(
            "copy", "  - {name: copy, kind: upload, from: '${uri}', to: '" + out + "/${key}'}");
    failing =
        pipeline(
            "failing",
            "  - {name: copy, kind: upload, from: '${uri}.missing', to: '" + out + "/x'}");
    gated =
        pipeline(
            "gated",
            "  - {name: wait, kind: upload, from: '${gate}', to: '"
                + bucket.uri("gates/${key}")
                + "'}",
            "  - {name: copy, kind: upload, from: '${uri}', to: '" + out + "/${key}'}");
  }

  @AfterAll
  static void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void eachNewObjectRunsOnceAndARestartRunsOnlyNewAndChangedOnes() throws Exception {
    put("in/a.txt", "alpha");
    put("in/b.txt", "beta");
    put("in/c.txt", "gamma");
    Path state = dir.resolve("in.json");
    // Two keys a page: the listing is paged.
    SluiceProcess.Result first = watch("in/", copy, state, "--once", "--list-page-size", "2");
    assertEquals(0, first.exitCode(), first.all());
    assertEquals(List.of("in/a.txt", "in/b.txt", "in/c.txt"), okRuns(first));
    assertTrue(
        first
            .stdout()
            .startsWith("watch " + bucket.uri("in/") + ": 3 object(s) seen, 3 run(s) ok, 0 failed"),
        first.all());
    assertEquals("beta", read("out/in/b.txt/b.txt"));

    put("in/a.txt", "alpha, changed");
    put("in/d.txt", "delta");
    // A restart: b and c are done for their ETags; the changed a and the new d run.
    SluiceProcess.Result changed = watch("in/", copy, state, "--once", "--json");
    assertEquals(0, changed.exitCode(), changed.all());
    assertEquals(List.of("in/a.txt", "in/d.txt"), okRuns(changed));
    JsonNode summary = new ObjectMapper().readTree(changed.stdout());
    assertEquals(4, summary.path("objectsSeen").asInt(), changed.stdout());
    assertEquals(2, summary.path("runsOk").asInt(), changed.stdout());
    assertEquals(0, summary.path("runsFailed").asInt(), changed.stdout());
    assertEquals("alpha, changed", read("out/in/a.txt/a.txt"));
  }

  @Test
  void aFailingPipelineIsRetriedOnEachPassThenRecordedAsFailed() throws Exception {
    put("bad/x.txt", "x");
    Path state = dir.resolve("bad.json");
    SluiceProcess.Result first = watch("bad/", failing, state, "--once", "--max-attempts", "2");
    assertEquals(1, first.exitCode(), first.all());
    assertTrue(
        first.stderr().contains("FAILED in ")
            && first
                .stderr()
                .contains("(attempt 1/2, tried again next poll): step 'copy' (upload) failed: "),
        first.all());
    SluiceProcess.Result second = watch("bad/", failing, state, "--once", "--max-attempts", "2");
    assertEquals(1, second.exitCode(), second.all());
    assertTrue(
        second.stderr().contains("(attempt 2/2, not tried again until the object changes)"),
        second.all());
    JsonNode record = new ObjectMapper().readTree(state.toFile()).path("objects").path("bad/x.txt");
    assertEquals("FAILED", record.path("status").asText(), record.toString());
    assertEquals(2, record.path("attempts").asInt(), record.toString());
    assertFalse(second.all().contains("\tat "), second.all());
  }

  @Test
  void oneWatcherPerStateSigtermFinishesTheRunAndAKilledRunIsRedone() throws Exception {
    Path gate = dir.resolve("gate");
    Process mkfifo = new ProcessBuilder("mkfifo", gate.toString()).inheritIO().start();
    assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
    put("gated/g.txt", "gee");
    Path state = dir.resolve("gated.json");
    String[] gateVar = {"--var", "gate=" + gate, "--interval", "1s"};

    try (SluiceProcess watcher = start("gated/", gated, state, gateVar)) {
      awaitStderr(watcher, "gated/g.txt (");
      // The run waits on the pipe: a second watcher on the same state is refused at once.
      SluiceProcess.Result second = watch("gated/", copy, state, "--once");
      assertEquals(2, second.exitCode(), second.all());
      List<String> lines = second.stderr().lines().filter(l -> !l.startsWith("SLF4J")).toList();
      assertEquals(1, lines.size(), second.all());
      assertTrue(
          lines.get(0).startsWith("sluice: another sluice watch is using " + state), second.all());

      watcher.process().destroy(); // SIGTERM, mid-run
      awaitStderr(watcher, "SIGTERM: stopping after the run in progress");
      openGate(gate);
      SluiceProcess.Result stopped = watcher.await(Duration.ofSeconds(60));
      assertEquals(0, stopped.exitCode(), stopped.all());
      assertEquals(List.of("gated/g.txt"), okRuns(stopped));
      assertTrue(
          stopped.stdout().contains("1 run(s) ok, 0 failed, 0 skipped in ")
              && stopped.stdout().contains("(stopped)"),
          stopped.all());
    }
    assertEquals("gee", read("out/gated/g.txt/g.txt"));

    put("gated/h.txt", "aitch");
    try (SluiceProcess watcher = start("gated/", gated, state, gateVar)) {
      awaitStderr(watcher, "gated/h.txt (");
      watcher.process().destroyForcibly(); // SIGKILL, mid-run: nothing recorded
      assertTrue(watcher.process().waitFor(30, TimeUnit.SECONDS));
    }
    // At least once: the next start redoes h.txt (taking over the dead watcher's lock), not g.txt.
    SluiceProcess.Result redo = watch("gated/", copy, state, "--once");
    assertEquals(0, redo.exitCode(), redo.all());
    assertEquals(List.of("gated/h.txt"), okRuns(redo));
    assertEquals("aitch", read("out/gated/h.txt/h.txt"));
  }

  private static Path pipeline(String name, String... steps) throws IOException {
    List<String> lines = new ArrayList<>(List.of("name: " + name, "steps:"));
    lines.addAll(List.of(steps));
    return Files.write(dir.resolve(name + ".yaml"), lines);
  }

  private static void put(String key, String content) {
    store.putObject(bucket.name(), key, content.getBytes(StandardCharsets.UTF_8));
  }

  private static String read(String key) {
    return new String(store.readObject(bucket.name(), key, null, 1 << 20), StandardCharsets.UTF_8);
  }

  private static String[] args(String prefix, Path pipeline, Path state, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "watch",
                bucket.uri(prefix),
                "--pipeline",
                pipeline.toString(),
                "--state",
                state.toString(),
                "--s3-endpoint",
                bucket.endpoint()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static SluiceProcess.Result watch(
      String prefix, Path pipeline, Path state, String... more) throws Exception {
    return SluiceProcess.cli(args(prefix, pipeline, state, more))
        .env(env)
        .workDir(dir)
        .timeoutSeconds(120)
        .run();
  }

  private static SluiceProcess start(String prefix, Path pipeline, Path state, String... more)
      throws IOException {
    return SluiceProcess.cli(args(prefix, pipeline, state, more)).env(env).workDir(dir).start();
  }

  /** The keys whose runs succeeded, in the order they ran. */
  private static List<String> okRuns(SluiceProcess.Result result) {
    List<String> keys = new ArrayList<>();
    Matcher m = OK_RUN.matcher(result.stderr());
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  /** Waits (bounded) until the process printed {@code text} on stderr. */
  private static void awaitStderr(SluiceProcess process, String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!process.stderr().contains(text)) {
      if (!process.process().isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' on stderr\n" + process.describe());
      }
      Thread.sleep(50);
    }
  }

  /**
   * Lets the run waiting on the pipe go on: a writer opens it, writes a line, closes it. Opening
   * blocks until the run opens its end, so a thread does it; the caller's bounded wait for the
   * watcher bounds the test.
   */
  private static void openGate(Path gate) {
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = Files.newOutputStream(gate)) {
                out.write("open\n".getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            "watch-it-gate");
    writer.setDaemon(true);
    writer.start();
  }
}
