package io.sluice.runner.s3;

import io.sluice.runner.OutputCommand;
import io.sluice.runner.ReportsUnderItsName;
import io.sluice.runner.S3EndpointOptions;
import io.sluice.runner.StorageOptions;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.S3ObjectStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;

/**
 * What every {@code sluice s3} command shares: the endpoint options, the store's lifetime, and a
 * Ctrl-C that aborts the running transfer cleanly. Failures are reported under the command's name
 * by the CLI's one error handler.
 */
abstract class S3Subcommand extends OutputCommand implements ReportsUnderItsName {

  /** How long Ctrl-C waits for a transfer to abort its multipart upload before the JVM exits. */
  private static final long ABORT_GRACE_SECONDS = 30;

  @Mixin S3EndpointOptions aws;

  /** Runs the command against an open store; returns the exit code. */
  abstract int run(ObjectStore store) throws Exception;

  /** Whether the command talks to the endpoint (so a named one is checked first). */
  boolean connects() {
    return true;
  }

  /** The transfer options, for commands that have them. */
  S3Options.Transfer transfer() {
    return null;
  }

  @Override
  public final Integer call() throws Exception {
    Thread worker = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    // On Ctrl-C the JVM runs shutdown hooks and exits; interrupting the command first lets a
    // multipart upload abort (and a download delete its temporary file) before that.
    Thread hook =
        new Thread(
            () -> {
              worker.interrupt();
              try {
                finished.await(ABORT_GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sluice-s3-abort");
    boolean hooked = addHook(hook);
    try {
      try (StorageOptions storage = aws.resolveForObjectStore(connects(), err())) {
        S3ObjectStore.Builder builder = S3ObjectStore.builder(storage.config());
        if (transfer() != null) {
          transfer().apply(builder);
        }
        try (ObjectStore store = builder.build()) {
          return run(store);
        }
      }
    } finally {
      finished.countDown();
      if (hooked) {
        removeHook(hook);
      }
      out().flush();
    }
  }

  private static boolean addHook(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException e) {
      return false; // already shutting down
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Shutting down: the hook is running, and returns once `finished` is counted down.
    }
  }
}
