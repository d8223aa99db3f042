package io.sluice.storage.leftovers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who made a staging artefact and when, written into its name (or a table comment) so that a later
 * process can tell whether the maker is gone: the host, the process id, the process's start time (a
 * reused pid belongs to a process started later) and the artefact's creation time.
 *
 * @param startMillis the maker's process start, epoch milliseconds; 0 when the platform does not
 *     say
 * @param createdMillis when the artefact was made, epoch milliseconds
 */
public record Owner(String host, long pid, long startMillis, long createdMillis) {

  /**
   * A process on another host cannot be looked at: its leftovers are taken for dead once this old,
   * far longer than any run.
   */
  public static final Duration OTHER_HOST_AGE = Duration.ofDays(1);

  /** Start times of one process read twice may differ by the jitter of the kernel's boot time. */
  private static final long START_TOLERANCE_MILLIS = 1_000;

  /** host-pid-start-created; the host may hold '-', so the numbers are matched from the end. */
  private static final Pattern TOKEN = Pattern.compile("(.+)-(\\d+)-(\\d+)-(\\d{10,})");

  private static final String HOST = localHost();

  /** This process, now. */
  public static Owner current() {
    ProcessHandle self = ProcessHandle.current();
    return new Owner(HOST, self.pid(), startMillis(self), System.currentTimeMillis());
  }

  /** {@code host-pid-start-created}, safe in a file or table name. */
  public String token() {
    return host + "-" + pid + "-" + startMillis + "-" + createdMillis;
  }

  /** The owner a {@link #token()} names; empty when {@code text} is not one. */
  public static Optional<Owner> parse(String text) {
    Matcher m = TOKEN.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Owner(
              m.group(1),
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              Long.parseLong(m.group(4))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the maker may still be running: on this host, its pid is alive and started when the
   * maker did; on another host, the artefact is younger than {@link #OTHER_HOST_AGE}.
   */
  public boolean mayBeAlive(Instant now) {
    if (!host.equals(HOST)) {
      return now.toEpochMilli() - createdMillis < OTHER_HOST_AGE.toMillis();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(
            p ->
                startMillis == 0
                    || Math.abs(startMillis(p) - startMillis) <= START_TOLERANCE_MILLIS)
        .orElse(false);
  }

  /** For a busy lock's message: {@code pid 123 on host h since 2026-12-02T08:00:00Z}. */
  public String describeHolder() {
    return "pid "
        + pid
        + " on host "
        + host
        + " since "
        + Instant.ofEpochMilli(createdMillis).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** For listings: {@code host pid 123}. */
  public String describe() {
    return host + " pid " + pid;
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  private static String localHost() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      name = "localhost";
    }
    // Only what a file name, an S3 key and a SQL comment all take as it is.
    return name.replaceAll("[^A-Za-z0-9.-]", "_");
  }
}
