package io.sluice.jobs.mapreduce;

import org.apache.hadoop.io.LongWritable;

/**
 * A line's 1-based number that also knows its file: the key {@link NumberedLineInputFormat} reads.
 * A combined split holds many files, so a mapper learns each record's file from its key, not from
 * its split. It stays a {@link LongWritable}, so {@code Mapper<LongWritable, Text, ...>} code reads
 * it unchanged; the reader reuses one instance and one source string per file.
 */
public final class FileLineNumber extends LongWritable {

  private String source;

  void set(String source, long line) {
    this.source = source;
    set(line);
  }

  /** The file's path, the same String instance for every line of one file. */
  public String source() {
    return source;
  }

  /** The file of a key read by {@link NumberedLineInputFormat}. */
  public static String sourceOf(LongWritable key) {
    if (key instanceof FileLineNumber numbered) {
      return numbered.source;
    }
    throw new IllegalStateException(
        "expected a key read by NumberedLineInputFormat, got " + key.getClass().getName());
  }
}
