package io.sluice.tests.cluster;

import io.sluice.testing.WordCounts;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Inputs, expectations and process checks the cluster tests share. */
final class ClusterFixtures {

  private ClusterFixtures() {}

  /**
   * The wordcount summary a run over all of {@code lines} prints: every line read and accepted,
   * none rejected.
   */
  static String allAcceptedSummary(List<String> lines) {
    return "wordcount [spark] done: read="
        + lines.size()
        + " accepted="
        + lines.size()
        + " rejected=0";
  }

  /**
   * word TAB count, ordered by UTF-8 bytes, whitespace tokens as Hadoop's WordCount splits them.
   */
  static String expectedWordCount(List<String> lines) {
    return WordCounts.expected(lines);
  }

  /** Every part file of an output directory, in name order. */
  static String partFiles(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p :
          files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
        all.append(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }

  static Properties state(Path runDir) throws IOException {
    Properties p = new Properties();
    try (Reader in =
        Files.newBufferedReader(runDir.resolve("state.properties"), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  /** Every pid the supervisor recorded (itself, master, workers). */
  static List<Long> recordedPids(Properties state) {
    List<Long> pids = new ArrayList<>();
    for (String key : state.stringPropertyNames()) {
      if (key.endsWith(".pid")) {
        pids.add(Long.parseLong(state.getProperty(key)));
      }
    }
    return pids;
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Live processes whose command line names the run directory (daemons, executors, drivers,
   * supervisor).
   */
  static List<Long> processesMentioning(Path runDir) {
    String marker = runDir.toAbsolutePath().toString();
    List<Long> found = new ArrayList<>();
    ProcessHandle.allProcesses()
        .forEach(
            p -> {
              try {
                String cmd =
                    new String(
                        Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                        StandardCharsets.UTF_8);
                if (cmd.contains(marker) && p.pid() != ProcessHandle.current().pid()) {
                  found.add(p.pid());
                }
              } catch (IOException | RuntimeException e) {
                // gone meanwhile
              }
            });
    return found;
  }
}
