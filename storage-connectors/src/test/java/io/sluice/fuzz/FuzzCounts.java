package io.sluice.fuzz;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one parser's fuzz run saw, printed once at the end of its test class for
 * docs/RELIABILITY.md: inputs tried, records accepted and quarantined, and whole inputs refused
 * with a user error (a bad header, an invalid spec).
 */
public final class FuzzCounts {
  private final String parser;
  private final AtomicLong tries = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final long started = System.nanoTime();
  private final long cpuStarted = OS.getProcessCpuTime();

  public FuzzCounts(String parser) {
    this.parser = parser;
  }

  public void tried() {
    tries.incrementAndGet();
  }

  public void accepted(long records) {
    accepted.addAndGet(records);
  }

  public void quarantined(long records) {
    quarantined.addAndGet(records);
  }

  public void refused() {
    refused.incrementAndGet();
  }

  /**
   * One line: {@code fuzz <parser>: tries=.. accepted=.. quarantined=.. refused=.. seconds=..
   * cpu=..}, the seconds since the class started (wall, and the JVM's CPU time, which a loaded
   * machine does not inflate).
   */
  public String summary() {
    return String.format(
        "fuzz %s: tries=%d accepted=%d quarantined=%d refused=%d seconds=%.1f cpu=%.1f",
        parser,
        tries.get(),
        accepted.get(),
        quarantined.get(),
        refused.get(),
        (System.nanoTime() - started) / 1e9,
        (OS.getProcessCpuTime() - cpuStarted) / 1e9);
  }

  public void print() {
    System.out.println(summary());
  }
}
