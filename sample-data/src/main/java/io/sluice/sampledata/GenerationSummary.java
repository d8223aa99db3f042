package io.sluice.sampledata;

import java.util.List;
import java.util.Locale;

/** What one {@link SampleDataGenerator} run wrote, in the order it wrote it. */
public record GenerationSummary(
    List<GeneratedFile> files, GenerationSettings settings, long nanos) {

  public GenerationSummary {
    files = List.copyOf(files);
  }

  public long records() {
    return files.stream().mapToLong(GeneratedFile::records).sum();
  }

  public long badRecords() {
    return files.stream().mapToLong(GeneratedFile::badRecords).sum();
  }

  public long bytes() {
    return files.stream().mapToLong(GeneratedFile::bytes).sum();
  }

  /** The one-line summary printed at the end of a run. */
  public String toLine() {
    return String.format(
        Locale.ROOT,
        "sample-data done: files=%d records=%d (bad on purpose=%d), out=%s, scale=%d seed=%d, time=%.1fs",
        files.size(),
        records(),
        badRecords(),
        humanBytes(bytes()),
        settings.scale(),
        settings.seed(),
        nanos / 1e9);
  }

  static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
