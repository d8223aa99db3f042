package io.sluice.storage.leftovers;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Owners of processes on this host that no longer run, for the leftovers a dead run would have left
 * (staging names, lock files, claimed versions). Other modules' tests use them through this
 * module's test-jar.
 */
public final class DeadOwners {

  private DeadOwners() {}

  /**
   * The owner of a process killed just now, with its real start time: what a run killed with
   * SIGKILL leaves behind.
   */
  public static Owner killed() throws Exception {
    Process killed = new ProcessBuilder("sleep", "60").start();
    long started = killed.info().startInstant().orElseThrow().toEpochMilli();
    killed.destroyForcibly();
    if (!killed.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("sleep " + killed.pid() + " did not die");
    }
    return new Owner(Owner.current().host(), killed.pid(), started, System.currentTimeMillis());
  }

  /**
   * The owner of a process that has exited (its pid no longer alive, or another process's), started
   * at the epoch and a minute ago at its artefact.
   */
  public static Owner exited() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    return new Owner(
        Owner.current().host(),
        exited.pid(),
        Instant.EPOCH.toEpochMilli(),
        Instant.now().minusSeconds(60).toEpochMilli());
  }
}
