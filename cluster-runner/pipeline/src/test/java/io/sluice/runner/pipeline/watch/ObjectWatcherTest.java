package io.sluice.runner.pipeline.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.s3.ObjectSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's decisions over listings given as data: which objects run, in what order, how
 * failures are retried, what a restart remembers. The S3 listing and the pipeline runs themselves
 * are covered end to end by tests/pipelines' WatchIT.
 */
class ObjectWatcherTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);

  @TempDir Path dir;

  private final List<ObjectSummary> listing = new ArrayList<>();
  private final List<String> runs = new ArrayList<>();
  private final StringWriter progress = new StringWriter();
  private Set<String> failing = Set.of();

  private static ObjectSummary object(String key, String etag) {
    return new ObjectSummary("b", key, 3, AT, etag, null);
  }

  private WatchConfig.Builder config() {
    return WatchConfig.builder("b", "in/").stateFile(dir.resolve("state.json")).once(true);
  }

  private WatchSummary watch(WatchConfig config, WatchStop stop) {
    ObjectTrigger trigger =
        (object, runDir) -> {
          runs.add(object.key() + "@" + object.eTag() + " in " + runDir.getFileName());
          if (failing.contains(object.key())) {
            throw new IllegalStateException("step 'copy' (upload) failed: no such file\nmore");
          }
        };
    return new ObjectWatcher(
            config, listing::stream, trigger, new PrintWriter(progress, true), stop, CLOCK)
        .run();
  }

  private WatchSummary once() {
    return watch(config().build(), new WatchStop());
  }

  @Test
  void eachNewObjectRunsOnceInKeyOrderAndARestartRunsNothing() {
    listing.addAll(
        List.of(
            object("in/a", "e1"),
            object("in/b", "e2"),
            new ObjectSummary("b", "in/dir/", 0, AT, "d", null)));
    WatchSummary first = once();
    assertEquals(List.of("in/a@e1 in run-1", "in/b@e2 in run-2"), runs);
    assertEquals(2, first.runsOk());
    assertTrue(
        progress.toString().contains("watch: s3://b/in/a (e1) -> run 1 ok in "),
        progress.toString());

    runs.clear();
    WatchSummary again = once();
    assertEquals(List.of(), runs);
    assertEquals(2, again.objectsSeen());
    assertEquals(0, again.runsOk());

    listing.set(0, object("in/a", "e9"));
    listing.add(object("in/c", "e3"));
    once();
    assertEquals(List.of("in/a@e9 in run-3", "in/c@e3 in run-4"), runs);
  }

  @Test
  void aFailingObjectIsTriedOnEachPollUpToTheLimitThenRecorded() {
    listing.addAll(List.of(object("in/a", "e1"), object("in/bad", "e2")));
    failing = Set.of("in/bad");
    WatchConfig twoAttempts = config().maxAttempts(2).build();
    WatchSummary first = watch(twoAttempts, new WatchStop());
    assertEquals(1, first.runsOk());
    assertEquals(1, first.runsFailed());
    // The run's time is whatever the machine took (0.1 s and more on a loaded one): not checked.
    assertTrue(
        Pattern.compile(
                "(?m)^watch: s3://b/in/bad \\(e2\\) -> run 2 FAILED in [0-9]+\\.[0-9] s \\(attempt 1/2,"
                    + " tried again next poll\\): step 'copy' \\(upload\\) failed: no such file$")
            .matcher(progress.toString())
            .find(),
        progress.toString());
    watch(twoAttempts, new WatchStop());
    assertTrue(
        progress.toString().contains("(attempt 2/2, not tried again until the object changes)"));
    runs.clear();
    assertEquals(0, watch(twoAttempts, new WatchStop()).runsFailed());
    assertEquals(List.of(), runs);
    ObjectRecord bad =
        new WatchStateFile(dir.resolve("state.json")).load("b", "in/").objects().get("in/bad");
    assertEquals(ObjectRecord.Status.FAILED, bad.status());
    assertEquals(2, bad.attempts());
    assertEquals("step 'copy' (upload) failed: no such file", bad.error());
  }

  @Test
  void existingSkipRecordsWhatIsThereAtTheFirstStartOnly() {
    listing.add(object("in/old", "e1"));
    WatchConfig skip = config().existing(ExistingObjects.SKIP).build();
    WatchSummary first = watch(skip, new WatchStop());
    assertEquals(1, first.skipped());
    assertEquals(List.of(), runs);
    listing.add(object("in/new", "e2"));
    watch(skip, new WatchStop());
    assertEquals(List.of("in/new@e2 in run-1"), runs);
  }

  @Test
  void aSecondWatcherOnOneStateFailsWithOneLine() {
    try (WatchLock held = WatchLock.claim(dir.resolve("state.json"))) {
      WatcherBusyException e = assertThrows(WatcherBusyException.class, this::once);
      assertTrue(
          e.getMessage().startsWith("another sluice watch is using " + dir.resolve("state.json")),
          e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
    once(); // released
  }

  @Test
  void aStopEndsTheWatcherAfterTheRunInProgress() {
    listing.addAll(List.of(object("in/a", "e1"), object("in/b", "e2")));
    WatchStop stop = new WatchStop();
    AtomicInteger polls = new AtomicInteger();
    WatchConfig forever = config().once(false).interval(Duration.ofMillis(1)).build();
    WatchSummary summary =
        new ObjectWatcher(
                forever,
                () -> {
                  polls.incrementAndGet();
                  return listing.stream();
                },
                (object, runDir) -> {
                  runs.add(object.key());
                  stop.request(); // as SIGTERM mid-run
                },
                new PrintWriter(progress, true),
                stop,
                CLOCK)
            .run();
    assertEquals(List.of("in/a"), runs);
    assertEquals(1, polls.get());
    assertTrue(summary.stopped());
    assertEquals(1, summary.runsOk());
    assertTrue(
        summary
            .line()
            .startsWith("watch s3://b/in/: 1 object(s) seen, 1 run(s) ok, 0 failed, 0 skipped in "),
        summary.line());
    runs.clear();
    once();
    assertEquals(List.of("in/b"), runs.stream().map(r -> r.substring(0, 4)).toList());
  }

  @Test
  void aLaterListingFailureWaitsForTheNextPoll() {
    listing.add(object("in/a", "e1"));
    WatchStop stop = new WatchStop();
    AtomicInteger polls = new AtomicInteger();
    WatchConfig forever = config().once(false).interval(Duration.ofMillis(1)).build();
    new ObjectWatcher(
            forever,
            () -> {
              int n = polls.incrementAndGet();
              if (n == 2) {
                throw new IllegalStateException("connection reset");
              }
              if (n == 3) {
                stop.request();
              }
              return listing.stream();
            },
            (object, runDir) -> runs.add(object.key()),
            new PrintWriter(progress, true),
            stop,
            CLOCK)
        .run();
    assertEquals(3, polls.get());
    assertEquals(List.of("in/a"), runs);
    assertTrue(
        progress
            .toString()
            .contains("watch: listing s3://b/in/ failed, retrying in PT0.001S: connection reset"),
        progress.toString());
    assertFalse(progress.toString().contains("\tat "));
  }

  @Test
  void aFirstListingFailureIsTheUsers() {
    WatchStop stop = new WatchStop();
    WatchConfig forever = config().once(false).build();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new ObjectWatcher(
                        forever,
                        () -> {
                          throw new IllegalStateException("no such bucket 'b'");
                        },
                        (object, runDir) -> {},
                        new PrintWriter(progress, true),
                        stop,
                        CLOCK)
                    .run());
    assertEquals("no such bucket 'b'", e.getMessage());
  }
}
