package io.sluice.runner.pipeline.watch;

import io.sluice.errors.UserError;
import io.sluice.storage.s3.ObjectSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a prefix and runs an {@link ObjectTrigger} once per new or changed object, in key order.
 *
 * <p>At least once, never twice for the same (key, ETag): an object is recorded as done only after
 * its run returned, and the state file is saved after every run, so a watcher killed mid-run runs
 * that object again on its next start. A failed run is recorded with its attempt count and tried
 * again on the next poll until {@link WatchConfig#maxAttempts()} runs failed; then it stays failed
 * until its ETag changes (or a later start allows more attempts). A stop request ends the watcher
 * after the run in progress.
 */
public final class ObjectWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectWatcher.class);

  private final WatchConfig config;
  private final Supplier<Stream<ObjectSummary>> lister;
  private final ObjectTrigger trigger;
  private final PrintWriter progress;
  private final WatchStop stop;
  private final Clock clock;
  private final WatchStateFile stateFile;
  private final Path runsDir;

  /**
   * @param lister lists the prefix's objects in key order, one listing per call
   * @param progress where the per-object lines go (stderr)
   */
  public ObjectWatcher(
      WatchConfig config,
      Supplier<Stream<ObjectSummary>> lister,
      ObjectTrigger trigger,
      PrintWriter progress,
      WatchStop stop,
      Clock clock) {
    this.config = config;
    this.lister = lister;
    this.trigger = trigger;
    this.progress = progress;
    this.stop = stop;
    this.clock = clock;
    this.stateFile = new WatchStateFile(config.stateFile());
    String name = config.stateFile().getFileName().toString().replaceFirst("\\.json$", "");
    this.runsDir = config.stateFile().resolveSibling(name + ".runs");
  }

  /** The folder under which each run gets its own working directory ({@code run-N}). */
  public Path runsDir() {
    return runsDir;
  }

  /**
   * Watches until a stop is requested (or, with {@link WatchConfig#once()}, for one pass), holding
   * the state file's lock throughout.
   *
   * @throws WatcherBusyException when another watcher uses the state file
   */
  public WatchSummary run() {
    long started = System.nanoTime();
    try (WatchLock lock = WatchLock.claim(config.stateFile())) {
      WatchState state = stateFile.load(config.bucket(), config.prefix());
      Counts counts = new Counts();
      boolean first = true;
      while (!stop.requested()) {
        try {
          poll(state, first, counts);
        } catch (RuntimeException e) {
          // The first listing's failure is the user's to see; later ones (a network blip) wait for
          // the next poll, as a long-running watcher should.
          if (first || config.once() || UserError.find(e) instanceof WatchStateException) {
            throw e;
          }
          LOG.debug("poll failed", e);
          line(
              "watch: listing %s failed, retrying in %s: %s",
              config.location(), config.interval(), oneLine(e));
        }
        first = false;
        if (config.once() || stop.await(config.interval())) {
          break;
        }
      }
      removeIfEmpty(runsDir);
      return new WatchSummary(
          config.location(),
          counts.seen.size(),
          counts.ok,
          counts.failed,
          counts.skipped,
          Duration.ofNanos(System.nanoTime() - started),
          stop.requested());
    }
  }

  private void poll(WatchState state, boolean first, Counts counts) {
    boolean skipExisting = first && state.fresh() && config.existing() == ExistingObjects.SKIP;
    boolean changed = false;
    try (Stream<ObjectSummary> listing = lister.get()) {
      Iterator<ObjectSummary> objects = listing.iterator();
      while (objects.hasNext() && !stop.requested()) {
        ObjectSummary object = objects.next();
        if (object.key().endsWith("/") && object.size() == 0) {
          continue; // a "folder" marker, not data
        }
        counts.seen.add(object.key());
        int attempt = state.nextAttempt(object, config.maxAttempts());
        if (attempt == 0) {
          continue;
        }
        if (skipExisting) {
          state.recordSkipped(object, clock.instant());
          counts.skipped++;
          changed = true;
          continue;
        }
        runOne(state, object, attempt, counts);
      }
    }
    if (changed || (state.fresh() && first)) {
      stateFile.save(state); // the skipped objects; or the first start's (empty) state
    }
  }

  private void runOne(WatchState state, ObjectSummary object, int attempt, Counts counts) {
    long run = state.startRun();
    String what =
        String.format(
            Locale.ROOT, "%s (%s) -> run %d", object.uri(), WatchState.etagOf(object), run);
    line("watch: %s started%s", what, attempt > 1 ? " (attempt " + attempt + ")" : "");
    long start = System.nanoTime();
    try {
      trigger.run(object, runsDir.resolve("run-" + run));
    } catch (Exception e) {
      // Exception: Scala code (Spark) throws checked exceptions undeclared.
      LOG.debug("run {} of {} failed", run, object.uri(), e);
      String error = oneLine(e);
      state.recordFailed(object, attempt, run, clock.instant(), error);
      stateFile.save(state);
      counts.failed++;
      line(
          "watch: %s FAILED in %s (attempt %d/%d%s): %s",
          what,
          seconds(start),
          attempt,
          config.maxAttempts(),
          attempt < config.maxAttempts()
              ? ", tried again next poll"
              : ", not tried again until the object changes",
          error);
      return;
    }
    state.recordDone(object, attempt, run, clock.instant());
    stateFile.save(state);
    counts.ok++;
    line("watch: %s ok in %s", what, seconds(start));
  }

  private static void removeIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // not empty (a run's quarantine files stay), or not ours to remove
    }
  }

  private void line(String format, Object... args) {
    progress.printf(Locale.ROOT, format + "%n", args);
    progress.flush();
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }

  /** The failure's first line (a failed step's names the step and why). */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static final class Counts {
    final Set<String> seen = new HashSet<>();
    long ok;
    long failed;
    long skipped;
  }
}
