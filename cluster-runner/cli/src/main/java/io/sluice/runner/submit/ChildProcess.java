package io.sluice.runner.submit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a submitting JVM (spark-submit or the Hadoop job client) to completion, copying its output
 * line by line to the CLI's own streams and saying every so often that it is still going.
 */
final class ChildProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

  private ChildProcess() {}

  static int run(
      String what,
      List<String> command,
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new io.sluice.jobs.SluiceJobException(
          "cannot start " + what + ": " + e.getMessage(), e);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // Nothing is ever written to the child's stdin; closing it only tells it so.
    }
    Thread o = pump(process.getInputStream(), out, what + "-stdout");
    Thread e = pump(process.getErrorStream(), err, what + "-stderr");
    long start = System.nanoTime();
    try {
      while (!process.waitFor(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.info(
            "{} still running ({}s)",
            what,
            String.format(Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e9));
      }
      o.join();
      e.join();
    } catch (InterruptedException ie) {
      // The CLI is being stopped: the submission goes with it rather than running on unseen.
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      Thread.currentThread().interrupt();
      return 1;
    }
    return process.exitValue();
  }

  private static Thread pump(InputStream in, PrintWriter to, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (to) {
                    to.println(line);
                    to.flush();
                  }
                }
              } catch (IOException ignored) {
                // The child is gone; what it printed has been copied.
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
