package io.sluice.runner.s3;

import io.sluice.runner.ExitCode;
import io.sluice.runner.StorageOptions;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.ObjectStoreException;
import io.sluice.storage.s3.S3ObjectStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code sluice s3} command shares: the endpoint options, the store's lifetime, a
 * Ctrl-C that aborts the running transfer cleanly, and errors as one line on stderr with the exit
 * code they deserve (2 when the request names something that is not there or is malformed, 1 when
 * the endpoint or the transfer failed).
 */
abstract class S3Subcommand implements Callable<Integer> {

  /** How long Ctrl-C waits for a transfer to abort its multipart upload before the JVM exits. */
  private static final long ABORT_GRACE_SECONDS = 30;

  @Spec
  CommandSpec spec;

  @Mixin
  S3Options s3;

  /** Runs the command against an open store; returns the exit code. */
  abstract int run(ObjectStore store) throws Exception;

  /** The transfer options, for commands that have them. */
  S3Options.Transfer transfer() {
    return null;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public final Integer call() {
    Thread worker = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    // On Ctrl-C the JVM runs shutdown hooks and exits; interrupting the command first lets a
    // multipart upload abort (and a download delete its temporary file) before that.
    Thread hook = new Thread(() -> {
      worker.interrupt();
      try {
        finished.await(ABORT_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sluice-s3-abort");
    boolean hooked = addHook(hook);
    try {
      try (StorageOptions storage = s3.resolve()) {
        S3ObjectStore.Builder builder = S3ObjectStore.builder(storage.config());
        if (transfer() != null) {
          transfer().apply(builder);
        }
        try (ObjectStore store = builder.build()) {
          return run(store);
        }
      }
    } catch (Exception e) {
      return report(e);
    } finally {
      finished.countDown();
      if (hooked) {
        removeHook(hook);
      }
      out().flush();
    }
  }

  private int report(Exception e) {
    err().println(spec.qualifiedName(" ") + ": " + oneLine(e));
    err().flush();
    return exitCode(e);
  }

  /** 2 for requests that cannot succeed as typed, 1 for failures of the endpoint or the transfer. */
  static int exitCode(Throwable e) {
    // IllegalArgumentException: the SDK's own refusal of a value typed on the command line.
    return e instanceof IllegalArgumentException ? ExitCode.BAD_INPUT : ExitCode.of(e);
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || !(e instanceof ObjectStoreException || e instanceof IllegalArgumentException
        || e instanceof BadS3InputException || e instanceof UncheckedIOException)) {
      message = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
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
