package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} maps the CLI's class archive only while it matches the jars it was dumped
 * with: the JVM drops a stale one without a word, which doubled a tiny run's CPU unnoticed. The
 * real scripts run in a copy of the launcher's layout whose {@code java} prints its arguments (and,
 * asked to list classes or dump an archive, writes one), so each case shows what the JVM would be
 * given.
 */
class StaleClassArchiveTest {

  private static final Path REPO = repositoryRoot();

  @TempDir Path root;
  private Path target;
  private Path libraryJar;

  @BeforeEach
  void layOutABuild() throws IOException {
    for (String script :
        List.of("bin/sluice", "bin/build-class-archive", "bin/lib/class-archive-stamp.sh")) {
      Path copy = root.resolve(script);
      Files.createDirectories(copy.getParent());
      Files.copy(REPO.resolve(script), copy);
    }
    target = Files.createDirectories(root.resolve("cluster-runner/cli/target"));
    Path classFile = target.resolve("classes/io/sluice/runner/SluiceCli.class");
    Files.createDirectories(classFile.getParent());
    Files.writeString(classFile, "class");
    Files.setLastModifiedTime(classFile, FileTime.from(Instant.now().minusSeconds(3600)));
    Files.writeString(target.resolve("sluice-cluster-runner-0.1.0-SNAPSHOT.jar"), "cli jar");
    Path lib = Files.createDirectories(root.resolve("lib"));
    libraryJar = Files.writeString(lib.resolve("library.jar"), "library jar");
    Path other = Files.writeString(lib.resolve("other.jar"), "other jar");
    Files.writeString(target.resolve("runtime-classpath.txt"), libraryJar + ":" + other);
    Files.writeString(target.resolve("sluice.jvmopts"), "-Dsluice.test=1\n");
    Path java = root.resolve("jdk/bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(
        java,
        """
        #!/usr/bin/env bash
        for arg in "$@"; do
          case "$arg" in -XX:DumpLoadedClassList=*) printf 'java/lang/Object\\n' >"${arg#*=}"; exit 0 ;; esac
        done
        if [ "$1" = -Xshare:dump ]; then
          for arg in "$@"; do
            case "$arg" in -XX:SharedArchiveFile=*) printf archive >"${arg#*=}"; exit 0 ;; esac
          done
        fi
        printf '%s\\n' "$@"
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void noArchiveRunsWithoutOneQuietly() throws Exception {
    SluiceProcess.Result run = sluice();
    assertEquals(0, run.exitCode(), run.all());
    assertFalse(mapsTheArchive(run), run.stdout());
    assertEquals("", run.stderr());
  }

  @Test
  void aFreshArchiveIsMappedWithTheCliJar() throws Exception {
    buildArchive();
    SluiceProcess.Result run = sluice();
    assertEquals(0, run.exitCode(), run.all());
    assertTrue(mapsTheArchive(run), run.stdout());
    assertTrue(
        run.stdout().contains(target.resolve("sluice-cluster-runner-0.1.0-SNAPSHOT.jar") + ":"),
        run.stdout());
    // At the address it was dumped for: relocating it cost 0.16-0.20 s of every start.
    List<String> args = run.stdout().lines().toList();
    int unlock = args.indexOf("-XX:+UnlockDiagnosticVMOptions");
    assertTrue(unlock >= 0 && unlock < args.indexOf("-XX:ArchiveRelocationMode=0"), run.stdout());
    assertEquals("", run.stderr());
  }

  @Test
  void theSameJavaReachedThroughALinkIsTheSame() throws Exception {
    buildArchive();
    // The build names java by JAVA_HOME, a user's shell often by a link on PATH.
    Path link = Files.createSymbolicLink(root.resolve("jdk-link"), root.resolve("jdk"));
    SluiceProcess.Result run =
        withJava(SluiceProcess.exec(root.resolve("bin/sluice").toString(), "jobs"))
            .env("JAVA_HOME", link.toString())
            .run();
    assertTrue(mapsTheArchive(run), run.stdout());
    assertEquals("", run.stderr());
  }

  @Test
  void aJarRebuiltAfterTheDumpMakesItStaleUntilRebuilt() throws Exception {
    buildArchive();
    Files.setLastModifiedTime(libraryJar, FileTime.from(Instant.now().plusSeconds(60)));

    assertStale(sluice());

    buildArchive();
    SluiceProcess.Result rebuilt = sluice();
    assertTrue(mapsTheArchive(rebuilt), rebuilt.stdout());
    assertEquals("", rebuilt.stderr());
  }

  @Test
  void aJarOfAnotherSizeWithTheSameTimeIsStale() throws Exception {
    buildArchive();
    FileTime time = Files.getLastModifiedTime(libraryJar);
    Files.writeString(libraryJar, "a longer library jar");
    Files.setLastModifiedTime(libraryJar, time);
    assertStale(sluice());
  }

  @Test
  void anArchiveWithoutItsStampIsStale() throws Exception {
    buildArchive();
    Files.delete(target.resolve("sluice-cli.jsa.stamp"));
    assertStale(sluice());
  }

  private void assertStale(SluiceProcess.Result run) {
    assertEquals(0, run.exitCode(), run.all());
    assertFalse(mapsTheArchive(run), run.stdout());
    // The CLI runs from its classes, not the jar the archive needs.
    assertTrue(run.stdout().contains(target.resolve("classes") + ":"), run.stdout());
    List<String> lines = run.stderr().lines().toList();
    assertEquals(1, lines.size(), run.stderr());
    assertTrue(lines.get(0).startsWith("sluice: warning: the class archive"), lines.get(0));
    assertTrue(
        lines.get(0).endsWith(root.resolve("bin/build-class-archive") + " " + target),
        lines.get(0));
  }

  private boolean mapsTheArchive(SluiceProcess.Result run) {
    return run.stdout()
        .lines()
        .anyMatch(l -> l.equals("-XX:SharedArchiveFile=" + target.resolve("sluice-cli.jsa")));
  }

  private void buildArchive() throws Exception {
    SluiceProcess.Result build =
        withJava(
                SluiceProcess.exec(
                    "bash", root.resolve("bin/build-class-archive").toString(), target.toString()))
            .run();
    assertEquals(0, build.exitCode(), build.all());
    assertTrue(build.stderr().startsWith("class archive: " + target), build.stderr());
    assertTrue(Files.isRegularFile(target.resolve("sluice-cli.jsa.stamp")));
  }

  private SluiceProcess.Result sluice() throws Exception {
    return withJava(SluiceProcess.exec(root.resolve("bin/sluice").toString(), "jobs")).run();
  }

  private SluiceProcess.Builder withJava(SluiceProcess.Builder builder) {
    return builder
        .env("JAVA_HOME", root.resolve("jdk").toString())
        .env("SLUICE_JAVA_OPTS", "-Xmx64m")
        .workDir(root)
        .timeout(Duration.ofSeconds(60));
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("bin/sluice"))
          && Files.isRegularFile(dir.resolve("bin/build-class-archive"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no bin/sluice above " + Path.of("").toAbsolutePath());
  }
}
