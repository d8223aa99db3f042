package io.sluice.sampledata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One dataset of {@code sample-data/}: writes its files under a root directory, the same bytes for
 * the same {@link GenerationSettings} on any machine.
 */
public interface SampleDataset {

  /** The name used by {@code --only}: orders, logs, churn or text. */
  String name();

  /**
   * Writes this dataset's files under {@code root} (their paths relative to it are fixed) and
   * accounts for them.
   */
  List<GeneratedFile> write(Path root, GenerationSettings settings) throws IOException;
}
