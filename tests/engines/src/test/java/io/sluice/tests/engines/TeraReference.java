package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.examples.terasort.TeraChecksum;
import org.apache.hadoop.examples.terasort.TeraGen;
import org.apache.hadoop.examples.terasort.TeraSort;
import org.apache.hadoop.examples.terasort.TeraValidate;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * Hadoop's own Tera tools (hadoop-mapreduce-examples, run on the local job runner) and an in-memory
 * reference sort, for the Tera integration tests.
 */
final class TeraReference {

  static final int RECORD = 100;

  private TeraReference() {}

  /** A local-runner configuration for Hadoop's tools. */
  static Configuration localConf() {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    return conf;
  }

  /** Hadoop's TeraGen: {@code rows} rows in {@code maps} part files. */
  static void hadoopTeraGen(Configuration conf, long rows, int maps, Path output) throws Exception {
    run(
        conf,
        new TeraGen(),
        "-Dmapreduce.job.maps=" + maps,
        Long.toString(rows),
        output.toString());
  }

  static void hadoopTeraSort(Configuration conf, Path input, Path output) throws Exception {
    run(conf, new TeraSort(), input.toString(), output.toString());
  }

  /**
   * Hadoop's TeraValidate's report, as lines: {@code error<TAB>...} and {@code checksum<TAB>hex}.
   */
  static List<String> hadoopTeraValidate(Configuration conf, Path input, Path report)
      throws Exception {
    run(conf, new TeraValidate(), input.toString(), report.toString());
    return lines(report.getFileSystem(conf), report);
  }

  /**
   * Hadoop's TeraChecksum of any Tera data, sorted or not: the checksum as hex (its only output
   * line).
   */
  static String hadoopTeraChecksum(Configuration conf, Path input, Path report) throws Exception {
    run(conf, new TeraChecksum(), input.toString(), report.toString());
    List<String> lines = lines(report.getFileSystem(conf), report);
    assertEquals(1, lines.size(), "TeraChecksum output: " + lines);
    return lines.get(0);
  }

  private static void run(Configuration conf, Tool tool, String... args) throws Exception {
    assertEquals(
        0,
        ToolRunner.run(new Configuration(conf), tool, args),
        tool.getClass().getSimpleName() + " failed: " + String.join(" ", args));
  }

  /** The value of the first {@code key<TAB>value} line with that key. */
  static String value(List<String> report, String key) {
    return report.stream()
        .filter(l -> l.startsWith(key + "\t"))
        .map(l -> l.substring(key.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " line in " + report));
  }

  static List<String> errors(List<String> report) {
    return report.stream().filter(l -> l.startsWith("error")).toList();
  }

  /** The text lines of every part-* file of a directory. */
  static List<String> lines(FileSystem fs, Path dir) throws IOException {
    String text = new String(partFiles(fs, dir), StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  /** The bytes of every part-* file of a directory, in name order. */
  static byte[] partFiles(FileSystem fs, Path dir) throws IOException {
    FileStatus[] parts = fs.globStatus(new Path(dir, "part-*"));
    Arrays.sort(parts);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (FileStatus part : parts) {
      try (FSDataInputStream in = fs.open(part.getPath())) {
        in.transferTo(all);
      }
    }
    return all.toByteArray();
  }

  static int partCount(FileSystem fs, Path dir) throws IOException {
    return fs.globStatus(new Path(dir, "part-*")).length;
  }

  /**
   * The whole 100-byte records of {@code data}, sorted by unsigned bytes: what a sort must write.
   */
  static byte[] sorted(byte[] data) {
    List<byte[]> records = new ArrayList<>();
    for (int at = 0; at + RECORD <= data.length; at += RECORD) {
      records.add(Arrays.copyOfRange(data, at, at + RECORD));
    }
    records.sort(Arrays::compareUnsigned);
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
    records.forEach(r -> out.write(r, 0, RECORD));
    return out.toByteArray();
  }
}
