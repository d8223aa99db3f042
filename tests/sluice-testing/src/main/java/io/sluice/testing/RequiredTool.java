package io.sluice.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * The one rule for a test that needs a tool from outside the build (podman, the local registry,
 * htpasswd, dynalite and Node.js): where it is missing the test is skipped with the install hint,
 * but under {@code CI=true} it fails with that hint, so a green CI run means the tool really ran.
 */
public final class RequiredTool {

  private RequiredTool() {}

  /**
   * Returns when {@code installed}; otherwise skips the calling test, or fails it under {@code
   * CI=true}.
   *
   * @param tool what is missing, as the message names it, e.g. {@code "podman"}
   * @param installHint what installs it, e.g. {@code "bin/setup.d/10-podman.sh (as root)"}
   */
  public static void check(String tool, boolean installed, String installHint) {
    if (!installed) {
      throw missing(tool, installHint, null);
    }
  }

  /**
   * {@link #check(String, boolean, String)} for a command that must be an executable on the PATH;
   * returns it.
   */
  public static Path onPath(String command, String installHint) {
    Optional<Path> found = findOnPath(command);
    check(command, found.isPresent(), installHint);
    return found.get();
  }

  /** The executable {@code command} in a directory of the PATH, if there is one. */
  public static Optional<Path> findOnPath(String command) {
    return Stream.of(
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * What a missing tool becomes for the caller to throw: a skip ({@link TestAbortedException}), or
   * under {@code CI=true} a failure; both name the install hint and, when given, the detail.
   */
  public static RuntimeException missing(String tool, String installHint, String detail) {
    return missing(tool, installHint, detail, null, System.getenv());
  }

  static RuntimeException missing(
      String tool,
      String installHint,
      String detail,
      Throwable cause,
      Map<String, String> environment) {
    String message =
        tool
            + " is not installed: run "
            + installHint
            + (detail == null ? "" : " (" + detail + ")");
    RuntimeException outcome =
        onCi(environment)
            ? new IllegalStateException(message + "; CI=true needs every tool the tests use")
            : new TestAbortedException(message);
    if (cause != null) {
      outcome.initCause(cause);
    }
    return outcome;
  }

  /** Whether the environment variable {@code CI} is {@code true}, as CI services set it. */
  public static boolean onCi() {
    return onCi(System.getenv());
  }

  private static boolean onCi(Map<String, String> environment) {
    return "true".equalsIgnoreCase(environment.get("CI"));
  }
}
