package io.sluice.sampledata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code text/river-notes.txt}: 21 hand-written lines (in this module's resources) made to exercise
 * a word count — tabs, leading spaces, an empty line, punctuation, case, non-Latin scripts, numbers
 * — written {@code scale} times. Every line is a record; none is bad.
 */
public final class TextGenerator implements SampleDataset {

  public static final String NOTES = "text/river-notes.txt";

  @Override
  public String name() {
    return "text";
  }

  @Override
  public List<GeneratedFile> write(Path root, GenerationSettings settings) throws IOException {
    List<String> lines = notes();
    try (LineFileWriter out = new LineFileWriter(root, NOTES)) {
      for (int copy = 0; copy < settings.scale(); copy++) {
        for (String line : lines) {
          out.record(line);
        }
      }
      return List.of(out.finish());
    }
  }

  /** The hand-written lines. */
  static List<String> notes() {
    try (InputStream in = TextGenerator.class.getResourceAsStream("river-notes.txt")) {
      if (in == null) {
        throw new IllegalStateException(
            "river-notes.txt is missing from the sluice-sample-data jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read river-notes.txt from the sluice-sample-data jar", e);
    }
  }
}
