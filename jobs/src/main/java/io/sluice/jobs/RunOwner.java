package io.sluice.jobs;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;

/**
 * Who holds a lock or wrote a staging artefact: host, process id, when that process started and
 * when it took the lock. Written as {@code key=value} lines so a person can read the lock file.
 *
 * @param processStarted when the owning process started; with the pid it tells a live owner from a
 *     reused pid
 * @param since when the owner took the lock
 */
public record RunOwner(String host, long pid, Instant processStarted, Instant since) {

  /**
   * How long a lock of another host counts as held: its process cannot be checked from here, so
   * only age tells a dead owner from a live one.
   */
  public static final Duration OTHER_HOST_STALE_AFTER = Duration.ofHours(24);

  private static final String HOST = thisHost();

  /** This process, taking a lock now. */
  public static RunOwner current() {
    ProcessHandle self = ProcessHandle.current();
    Instant started = self.info().startInstant().orElse(Instant.EPOCH);
    return new RunOwner(
        HOST,
        self.pid(),
        started.truncatedTo(ChronoUnit.SECONDS),
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The owner a lock file names; empty when the text is not (yet) a complete owner. */
  public static Optional<RunOwner> parse(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
      String host = p.getProperty("host");
      String pid = p.getProperty("pid");
      String processStarted = p.getProperty("process-started");
      String since = p.getProperty("since");
      if (host == null || pid == null || processStarted == null || since == null) {
        return Optional.empty();
      }
      return Optional.of(
          new RunOwner(
              host, Long.parseLong(pid), Instant.parse(processStarted), Instant.parse(since)));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The lock file's text. */
  public String toText() {
    return "host="
        + host
        + "\npid="
        + pid
        + "\nprocess-started="
        + processStarted
        + "\nsince="
        + since
        + "\n";
  }

  /**
   * Whether the owner may still be running: on this host, whether its pid is alive and started when
   * the lock says; on another host, whether the lock is younger than {@link
   * #OTHER_HOST_STALE_AFTER}.
   */
  public boolean mayBeRunning() {
    if (!HOST.equals(host)) {
      return since.plus(OTHER_HOST_STALE_AFTER).isAfter(Instant.now());
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(
            p ->
                p.info()
                    .startInstant()
                    // Start times read twice may differ by a clock tick: allow a little.
                    .map(s -> Duration.between(s, processStarted).abs().getSeconds() <= 2)
                    .orElse(true))
        .orElse(false);
  }

  /** For messages: {@code pid 123 on host h since 2026-12-02T08:00:00Z}. */
  public String describe() {
    return "pid " + pid + " on host " + host + " since " + since;
  }

  private static String thisHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env != null && !env.isBlank() ? env : "localhost";
    }
  }
}
