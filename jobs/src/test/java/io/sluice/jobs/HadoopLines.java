package io.sluice.jobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;

/**
 * The lines of an input as both engines hand them to a job's parser: split by Hadoop's line reader
 * (LF, CR or CRLF ends, what LineRecordReader uses) and decoded by {@link Text#toString()} (UTF-8,
 * malformed bytes replaced). For fuzz tests, which cannot afford a job run per input.
 */
public final class HadoopLines {

  private HadoopLines() {}

  public static List<String> of(byte[] input) {
    List<String> lines = new ArrayList<>();
    try (LineReader reader = new LineReader(new ByteArrayInputStream(input))) {
      Text line = new Text();
      while (reader.readLine(line) > 0) {
        lines.add(line.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return lines;
  }
}
