package io.sluice.tests.containers;

import io.sluice.testing.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the podman CLI (installed by bin/setup.d/10-podman.sh); where it cannot run, tests skip, or
 * fail under CI=true (RequiredTool).
 */
final class Podman {

  /** One command's exit code and combined output. */
  record Result(int exit, String output) {
    Result assertOk(String what) {
      if (exit != 0) {
        throw new AssertionError(what + " failed with exit " + exit + ":\n" + tail(output));
      }
      return this;
    }

    Result assertFailed(String what) {
      if (exit == 0) {
        throw new AssertionError(what + " succeeded; it should have failed:\n" + tail(output));
      }
      return this;
    }
  }

  private static String unavailable;
  private static boolean checked;

  /** Image ids of the OCI archives already in podman's storage, by archive. */
  private static final Map<Path, String> STORED = new HashMap<>();

  private Podman() {}

  /**
   * Skips the calling test (never passes it) when podman is missing or cannot start containers
   * here; under {@code CI=true} fails instead, naming the install script.
   */
  static synchronized void assumeAvailable() {
    if (!checked) {
      checked = true;
      try {
        Result info = run(Duration.ofMinutes(2), "info", "--format", "{{.Host.OCIRuntime.Name}}");
        if (info.exit() != 0) {
          unavailable =
              "`podman info` fails here (exit " + info.exit() + "): " + tail(info.output());
        }
      } catch (IOException e) {
        unavailable = "podman does not start: " + e.getMessage();
      }
    }
    if (unavailable != null) {
      throw RequiredTool.missing(
          "a container runtime (podman)", "sudo bin/setup.d/10-podman.sh", unavailable);
    }
  }

  /**
   * The id of the archive's image in podman's storage, stored on first use and removed when the JVM
   * ends. Runs by id skip what {@code podman run oci-archive:} does every time: unpack the archive
   * and check each layer against the storage.
   */
  static synchronized String stored(Path archive) throws IOException {
    String id = STORED.get(archive);
    if (id != null && run(Duration.ofMinutes(1), "image", "exists", id).exit() == 0) {
      return id;
    }
    String stored =
        run(Duration.ofMinutes(5), "pull", "-q", "oci-archive:" + archive)
            .assertOk("podman pull oci-archive:" + archive)
            .output()
            .strip()
            .lines()
            .reduce((first, last) -> last)
            .orElseThrow();
    STORED.put(archive, stored);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> cleanUp("rmi", "--force", stored), "podman rmi"));
    return stored;
  }

  static Result run(Duration timeout, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("podman");
    command.addAll(List.of(args));
    Path log = Files.createTempFile("podman", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted: " + command);
      }
      if (!done) {
        p.destroyForcibly();
        throw new AssertionError(
            "timed out after " + timeout + ": " + command + "\n" + tail(Files.readString(log)));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** {@code podman image inspect --format}: the stored image's field, trimmed. */
  static String inspect(String image, String format) throws IOException {
    return run(Duration.ofMinutes(1), "image", "inspect", "--format", format, image)
        .assertOk("podman image inspect " + image)
        .output()
        .strip();
  }

  /** Best-effort cleanup (where podman is missing there is nothing to clean). */
  static void cleanUp(String... args) {
    try {
      run(Duration.ofMinutes(2), args);
    } catch (IOException | AssertionError e) {
      // nothing was created
    }
  }

  static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 25), lines.length));
  }
}
