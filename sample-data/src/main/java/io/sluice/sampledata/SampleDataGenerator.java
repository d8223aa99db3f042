package io.sluice.sampledata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the whole {@code sample-data/} tree (or some of its datasets) under an output directory.
 * The committed files are this class's output with {@link GenerationSettings#committed()}; a test
 * holds them to it.
 */
public final class SampleDataGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(SampleDataGenerator.class);

  private final List<SampleDataset> datasets;

  /** The four datasets, in the order they are written. */
  public SampleDataGenerator() {
    this(
        List.of(
            new ChurnGenerator(),
            new OrdersGenerator(),
            new AccessLogGenerator(),
            new TextGenerator()));
  }

  SampleDataGenerator(List<SampleDataset> datasets) {
    this.datasets = List.copyOf(datasets);
  }

  /** The dataset names, as {@code --only} takes them. */
  public List<String> names() {
    return datasets.stream().map(SampleDataset::name).toList();
  }

  /** Writes every dataset. */
  public GenerationSummary generate(Path out, GenerationSettings settings) throws IOException {
    return generate(out, settings, names());
  }

  /**
   * Writes the named datasets under {@code out}, replacing files of the same name.
   *
   * @throws IllegalArgumentException if a name is not a dataset's, or none is given
   * @throws IOException if {@code out} cannot be created or written
   */
  public GenerationSummary generate(Path out, GenerationSettings settings, Collection<String> only)
      throws IOException {
    if (only.isEmpty()) {
      throw new IllegalArgumentException(
          "no dataset named; choose from " + String.join(", ", names()));
    }
    for (String name : only) {
      if (!names().contains(name)) {
        throw new IllegalArgumentException(
            "unknown dataset '" + name + "'; choose from " + String.join(", ", names()));
      }
    }
    Files.createDirectories(out);
    if (!Files.isWritable(out)) {
      throw new IOException(out + " is not writable");
    }
    long started = System.nanoTime();
    List<GeneratedFile> files = new ArrayList<>();
    for (SampleDataset dataset : datasets) {
      if (!only.contains(dataset.name())) {
        continue;
      }
      List<GeneratedFile> written = dataset.write(out, settings);
      for (GeneratedFile f : written) {
        LOG.info(
            "{}: {} records ({} bad on purpose), {}",
            f.path(),
            f.records(),
            f.badRecords(),
            GenerationSummary.humanBytes(f.bytes()));
      }
      files.addAll(written);
    }
    return new GenerationSummary(files, settings, System.nanoTime() - started);
  }
}
