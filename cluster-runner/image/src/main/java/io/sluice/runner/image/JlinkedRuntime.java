package io.sluice.runner.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default base: a Java runtime made with {@code jlink} from the JDK that builds the image, plus
 * the shared libraries it loads (glibc's loader and libraries, libz, libstdc++...) and the few
 * commands Hadoop and Spark run, copied from this machine. The runtime is cached by JDK, version
 * and module list, so rebuilds reuse it unchanged.
 */
final class JlinkedRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(JlinkedRuntime.class);

  /** Desktop natives (AWT, sound, fonts) load X11/ALSA; nothing here runs with a display. */
  private static final List<String> HEADLESS_SKIP =
      List.of(
          "libawt_xawt.so",
          "libjawt.so",
          "libsplashscreen.so",
          "libjsound.so",
          "libfontmanager.so",
          "liblcms.so",
          "libmlib_image.so",
          "libjavajpeg.so",
          "libawt.so",
          "libattach.so");

  /**
   * Commands Hadoop and Spark run as child processes (Hadoop's local file system sets permissions
   * with chmod, asks bash for groups, lists with ls/stat/df; Spark deletes its scratch dirs with
   * rm), copied from this machine's coreutils and bash.
   */
  static final List<String> HOST_TOOLS =
      List.of(
          "bash",
          "cat",
          "chmod",
          "chown",
          "cp",
          "df",
          "du",
          "groups",
          "id",
          "ln",
          "ls",
          "mkdir",
          "mv",
          "readlink",
          "rm",
          "stat",
          "uname",
          "whoami");

  /** A host file placed at a path in the image. */
  record HostFile(Path source, String containerPath) {}

  private final Path runtime;
  private final List<HostFile> hostFiles;

  private JlinkedRuntime(Path runtime, List<HostFile> hostFiles) {
    this.runtime = runtime;
    this.hostFiles = List.copyOf(hostFiles);
  }

  Path runtime() {
    return runtime;
  }

  /** Native libraries and tools from this machine, at their paths in the image. */
  List<HostFile> hostFiles() {
    return hostFiles;
  }

  static JlinkedRuntime prepare(BaseImage.Jlinked spec, Path cacheDir) {
    Path jlink = spec.javaHome().resolve("bin/jlink");
    if (!Files.isExecutable(jlink)) {
      throw new BadImageInputException(
          "no jlink in "
              + spec.javaHome()
              + ": the default base needs a full JDK (not a JRE); or pass --base IMAGE with a Java runtime");
    }
    Path runtime = cacheDir.resolve("jre-" + key(spec));
    if (!Files.isExecutable(runtime.resolve("bin/java"))) {
      link(spec, jlink, runtime);
    } else {
      LOG.info("reusing the jlink-ed runtime {}", runtime);
    }
    List<HostFile> files = new ArrayList<>();
    List<Path> tools = new ArrayList<>();
    for (String tool : HOST_TOOLS) {
      Path host = findTool(tool);
      tools.add(host);
      files.add(new HostFile(host, "/usr/bin/" + tool));
    }
    // Scripts and Hadoop's Shell use /bin/bash and /bin/sh by absolute path; /bin is not a link in
    // the image.
    files.add(new HostFile(findTool("bash"), "/bin/bash"));
    files.add(new HostFile(findTool("bash"), "/bin/sh"));
    files.addAll(nativeLibraries(runtime, tools));
    return new JlinkedRuntime(runtime, files);
  }

  private static String key(BaseImage.Jlinked spec) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          (spec.javaHome().toRealPath()
                  + "\n"
                  + System.getProperty("java.vm.version")
                  + "\n"
                  + String.join(",", spec.modules()))
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void link(BaseImage.Jlinked spec, Path jlink, Path runtime) {
    Path staging =
        runtime.resolveSibling(runtime.getFileName() + ".staging-" + ProcessHandle.current().pid());
    List<String> command =
        List.of(
            jlink.toString(),
            "--add-modules",
            String.join(",", spec.modules()),
            "--strip-debug",
            "--no-header-files",
            "--no-man-pages",
            "--compress=2",
            "--output",
            staging.toString());
    LOG.info("jlink: {} modules from {}", spec.modules().size(), spec.javaHome());
    try {
      Files.createDirectories(runtime.getParent());
      deleteTree(staging);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new ImageBuildException("jlink failed: " + output.strip());
      }
      Files.move(staging, runtime, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("jlink into " + staging, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while running jlink");
    }
  }

  /**
   * Every shared library {@code ldd} resolves for the runtime's launcher and libraries, outside the
   * runtime.
   */
  private static Path findTool(String name) {
    for (String dir : List.of("/usr/bin/", "/bin/")) {
      Path p = Path.of(dir + name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new ImageBuildException(
        "the default base copies '"
            + name
            + "' from this machine (coreutils/bash)"
            + " and it is not in /usr/bin or /bin; install it, or pass --base IMAGE");
  }

  private static List<HostFile> nativeLibraries(Path runtime, List<Path> tools) {
    List<Path> elfs = new ArrayList<>(tools);
    elfs.add(runtime.resolve("bin/java"));
    try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
      files
          .filter(p -> p.toString().endsWith(".so"))
          .filter(p -> !HEADLESS_SKIP.contains(p.getFileName().toString()))
          .sorted()
          .forEach(elfs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TreeSet<String> libraries = new TreeSet<>();
    for (Path elf : elfs) {
      for (String line : ldd(elf)) {
        String path =
            line.contains("=>") ? line.substring(line.indexOf("=>") + 2).strip() : line.strip();
        int space = path.indexOf(' ');
        path = space < 0 ? path : path.substring(0, space);
        if (path.startsWith("/") && !Path.of(path).startsWith(runtime)) {
          libraries.add(path);
        }
      }
    }
    // Native code Spark unpacks at run time (snappy, zstd, lz4) is C++; the JVM may not itself need
    // it.
    for (String extra : List.of("libstdc++.so.6", "libgcc_s.so.1")) {
      if (libraries.stream().noneMatch(l -> l.endsWith("/" + extra))) {
        for (String dir :
            List.of(
                "/lib/x86_64-linux-gnu/", "/usr/lib/x86_64-linux-gnu/", "/lib64/", "/usr/lib64/")) {
          if (Files.exists(Path.of(dir + extra))) {
            libraries.add(dir + extra);
            break;
          }
        }
      }
    }
    return libraries.stream().map(l -> new HostFile(Path.of(l), l)).toList();
  }

  private static List<String> ldd(Path elf) {
    try {
      Process process = new ProcessBuilder("ldd", elf.toString()).redirectErrorStream(true).start();
      List<String> lines =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .toList();
      process.waitFor(1, TimeUnit.MINUTES);
      return lines;
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot run ldd to find the native libraries of "
              + elf
              + " (install libc-bin, or pass --base IMAGE with a Java runtime): "
              + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while running ldd");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
