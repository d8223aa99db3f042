package io.sluice.tests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The matrix the trials fill: one row per trial in {@code target/fault-matrix.tsv}, one row per
 * cell in {@code target/fault-matrix-summary.tsv} (the table of docs/RELIABILITY.md).
 */
final class FaultMatrix {

  static final Path TRIALS = Path.of("target", "fault-matrix.tsv");
  static final Path SUMMARY = Path.of("target", "fault-matrix-summary.tsv");

  private static final String TRIAL_HEADER =
      "fault\twhere\ttrial\tseed\tkill_at_ms\tkilled_mid_run\tsurvived\tlost\tduplicated"
          + "\tpartial_visible\tleftovers";
  private static final String SUMMARY_HEADER =
      "fault\twhere\ttrials\tsurvived\tlost\tduplicated\tpartial_visible\tleftovers";

  private FaultMatrix() {}

  /** What one trial found; {@code survived} means nothing lost, duplicated or half-visible. */
  record Trial(
      String fault,
      String where,
      int trial,
      long seed,
      long killAtMillis,
      boolean killedMidRun,
      long lost,
      long duplicated,
      boolean partialVisible,
      long leftovers) {
    boolean survived() {
      return lost == 0 && duplicated == 0 && !partialVisible;
    }
  }

  static synchronized void record(Trial t) {
    append(
        TRIALS,
        TRIAL_HEADER,
        String.format(
            Locale.ROOT,
            "%s\t%s\t%d\t%d\t%d\t%b\t%b\t%d\t%d\t%b\t%d",
            t.fault(),
            t.where(),
            t.trial(),
            t.seed(),
            t.killAtMillis(),
            t.killedMidRun(),
            t.survived(),
            t.lost(),
            t.duplicated(),
            t.partialVisible(),
            t.leftovers()));
  }

  static synchronized void summarize(
      String fault,
      String where,
      int trials,
      int survived,
      long lost,
      long duplicated,
      int partialVisible,
      long leftovers) {
    append(
        SUMMARY,
        SUMMARY_HEADER,
        String.format(
            Locale.ROOT,
            "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d",
            fault,
            where,
            trials,
            survived,
            lost,
            duplicated,
            partialVisible,
            leftovers));
  }

  private static void append(Path file, String header, String line) {
    try {
      Files.createDirectories(file.getParent());
      String text = (Files.exists(file) ? "" : header + "\n") + line + "\n";
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
