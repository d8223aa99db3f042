package io.sluice.tests.engines;

import io.sluice.testing.SampleText;
import io.sluice.testing.WordCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Inputs and expectations shared by the WordCount integration tests. */
final class WordCountReference {

  private WordCountReference() {}

  /** Lines with repeats, punctuation, tabs, blank lines and non-ASCII words. */
  static List<String> sampleLines(int count) {
    return SampleText.lines(count, 42);
  }

  /** word -> count with Hadoop's tokenisation, ordered by UTF-8 bytes like Hadoop's Text keys. */
  static String expectedOutput(List<String> lines) {
    return WordCounts.expected(lines);
  }

  /** The bytes of every part-* file of an output directory, in file-name order. */
  static byte[] partFiles(FileSystem fs, Path dir) throws IOException {
    FileStatus[] parts = fs.globStatus(new Path(dir, "part-*"));
    Arrays.sort(parts);
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (FileStatus part : parts) {
      try (FSDataInputStream in = fs.open(part.getPath())) {
        in.transferTo(all);
      }
    }
    return all.toByteArray();
  }

  static void write(FileSystem fs, Path file, List<String> lines) throws IOException {
    try (var out = fs.create(file, true)) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * {@code lines} as two files, /in/a.txt (the first {@code split}) and /in/b.txt (the rest), so
   * both engines read a directory of several splits.
   */
  static void writeTwoInputFiles(FileSystem fs, List<String> lines, int split) throws IOException {
    write(fs, new Path("/in/a.txt"), lines.subList(0, split));
    write(fs, new Path("/in/b.txt"), lines.subList(split, lines.size()));
  }

  static Configuration localConf() {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    return conf;
  }
}
