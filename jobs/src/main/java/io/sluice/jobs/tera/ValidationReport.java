package io.sluice.jobs.tera;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The result of validating Tera data, as text lines like Hadoop's TeraValidate writes: one {@code
 * error<TAB>message} line per problem, then {@code records<TAB>n} and {@code checksum<TAB>hex}
 * (Hadoop's checksum, comparable with TeraGen's and TeraChecksum's).
 *
 * <p>Files are read in path order and their splits in offset order; every key must not sort before
 * the key preceding it, within a file (misorder) and from one file to the next (bad partitioning).
 */
public final class ValidationReport {

  private final List<String> errors = new ArrayList<>();
  private final TeraChecksum checksum = new TeraChecksum();
  private long records;

  /**
   * A file's incomplete last record: at {@code offset}, {@code length} bytes of a 100-byte record.
   */
  public record ShortRecord(String file, long offset, int length) {}

  private ValidationReport() {}

  public static ValidationReport of(List<SplitSummary> splits, List<ShortRecord> shortRecords) {
    ValidationReport report = new ValidationReport();
    List<SplitSummary> ordered = new ArrayList<>(splits);
    ordered.sort(
        Comparator.comparing(SplitSummary::file).thenComparingLong(SplitSummary::firstOffset));
    SplitSummary previous = null;
    for (SplitSummary split : ordered) {
      report.records += split.records();
      report.checksum.add(split.checksum());
      if (split.firstKey() == null) {
        continue;
      }
      if (previous != null
          && TeraFormat.compare(split.firstKey(), previous.lastKey(), TeraFormat.KEY_LENGTH) < 0) {
        report.errors.add(
            previous.file().equals(split.file())
                ? misorder(split.file(), split.firstOffset(), previous.lastKey(), split.firstKey())
                : String.format(
                    Locale.ROOT,
                    "bad key partitioning: %s ends with key %s but the next file %s starts with key %s, which sorts before it",
                    previous.file(),
                    hex(previous.lastKey()),
                    split.file(),
                    hex(split.firstKey())));
      }
      for (SplitSummary.Misorder m : split.examples()) {
        report.errors.add(misorder(split.file(), m.offset(), m.previousKey(), m.key()));
      }
      if (split.misorders() > split.examples().size()) {
        report.errors.add(
            String.format(
                Locale.ROOT,
                "%d more misorders in %s after byte %d",
                split.misorders() - split.examples().size(),
                split.file(),
                split.firstOffset()));
      }
      previous = split;
    }
    for (ShortRecord r : shortRecords) {
      report.errors.add(
          String.format(
              Locale.ROOT,
              "short record in %s at byte %d: the file ends %d bytes into a %d-byte record",
              r.file(),
              r.offset(),
              r.length(),
              TeraFormat.RECORD_LENGTH));
    }
    return report;
  }

  private static String misorder(String file, long offset, byte[] previousKey, byte[] key) {
    return String.format(
        Locale.ROOT,
        "misorder in %s at byte %d: key %s sorts before the previous key %s",
        file,
        offset,
        hex(key),
        hex(previousKey));
  }

  private static String hex(byte[] key) {
    return TeraFormat.keyHex(key);
  }

  /** The report's lines, without line ends. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    errors.forEach(e -> lines.add("error\t" + e));
    lines.add("records\t" + records);
    lines.add("checksum\t" + checksum);
    return lines;
  }

  public List<String> errors() {
    return List.copyOf(errors);
  }

  public long records() {
    return records;
  }

  public TeraChecksum checksum() {
    return new TeraChecksum(checksum.hi(), checksum.lo());
  }
}
