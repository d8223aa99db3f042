package io.sluice.sampledata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code ml/customer-churn.csv} and its datasource spec: a synthetic customer table with a known
 * logistic signal. Churn is drawn from sigmoid(z) where z rises with a month-to-month contract,
 * high charges, support calls and a negative note, and falls with tenure, age, a two-year contract,
 * the premium plan and a positive note; {@code region} carries no signal. Some feature values are
 * missing (age, monthly_charges, plan, note) after the label is drawn; the model imputes them.
 *
 * <p>In the sample dataset one row in {@value #UNLABELLED_EVERY} (the 500th of each thousand) has
 * an empty {@code churned}: training leaves those out as rejected rows. {@link #writeTable} writes
 * the same rows with every label, for tests that need a clean table.
 *
 * <p>Customer ids are {@code C0000001} up to {@link #rows(int)}; the orders dataset draws its
 * customers from the same range, so predictions join with orders.
 */
public final class ChurnGenerator implements SampleDataset {

  public static final String CSV = "ml/customer-churn.csv";
  public static final String SPEC = "ml/customer-churn.yaml";
  public static final String HEADER =
      "customer_id,age,tenure_months,monthly_charges,support_calls,plan,region,contract,note,churned";

  /** Rows at scale 1. */
  public static final long ROWS_PER_SCALE = 5_000;

  /**
   * In the sample dataset, row numbers {@code n} with {@code n % UNLABELLED_EVERY ==
   * UNLABELLED_EVERY / 2} have no label.
   */
  public static final long UNLABELLED_EVERY = 1_000;

  private static final String[] PLANS = {"basic", "standard", "premium"};
  private static final String[] REGIONS = {"north", "south", "east", "west"};
  private static final String[] CONTRACTS = {"month-to-month", "one-year", "two-year"};
  private static final String[] NEGATIVE = {
    "slow",
    "outage",
    "cancel",
    "expensive",
    "unhappy",
    "dropped",
    "refund",
    "complaint",
    "waiting",
    "broken"
  };
  private static final String[] POSITIVE = {
    "great",
    "happy",
    "fast",
    "helpful",
    "thanks",
    "reliable",
    "upgrade",
    "recommend",
    "friendly",
    "resolved"
  };
  private static final String[] NEUTRAL = {
    "called",
    "about",
    "bill",
    "router",
    "address",
    "change",
    "question",
    "account",
    "plan",
    "service",
    "email",
    "payment",
    "asked",
    "the",
    "my",
    "for"
  };

  @Override
  public String name() {
    return "churn";
  }

  /** Customers at a scale: the churn table's rows, and the ids orders may name. */
  public static long rows(int scale) {
    return ROWS_PER_SCALE * scale;
  }

  /** The id of the customer in row {@code n} (1-based). */
  public static String customerId(long n) {
    return String.format(Locale.ROOT, "C%07d", n);
  }

  @Override
  public List<GeneratedFile> write(Path root, GenerationSettings settings) throws IOException {
    GeneratedFile csv;
    try (LineFileWriter out = new LineFileWriter(root, CSV)) {
      out.header(HEADER);
      // The churn table keeps the base seed itself: the committed table is the one earlier
      // releases trained on, with seed 42.
      writeRows(
          settings.seed(),
          rows(settings.scale()),
          true,
          (line, bad) -> {
            if (bad) {
              out.badRecord(line);
            } else {
              out.record(line);
            }
          });
      csv = out.finish();
    }
    GeneratedFile spec =
        LineFileWriter.textFile(root, SPEC, spec(Path.of(CSV).getFileName().toString()));
    return List.of(csv, spec);
  }

  /** Writes a header and {@code rows} rows, every one labelled, to a file; returns its size. */
  public static long writeTable(long seed, long rows, Path file) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        writeTable(seed, rows, out);
      }
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a header and {@code rows} rows, every one labelled. */
  public static void writeTable(long seed, long rows, Writer out) throws IOException {
    out.write(HEADER);
    out.write('\n');
    writeRows(
        seed,
        rows,
        false,
        (line, bad) -> {
          out.write(line);
          out.write('\n');
        });
  }

  /** The true churn probability's log-odds for a customer; public so tests can check the signal. */
  public static double logOdds(
      int age, int tenure, double charges, int calls, String plan, String contract, int sentiment) {
    double z = -1.3;
    z +=
        switch (contract) {
          case "month-to-month" -> 1.0;
          case "two-year" -> -1.0;
          default -> 0.0;
        };
    z += -0.04 * (tenure - 24);
    z += 0.025 * (charges - 70);
    z += 0.45 * (calls - 1.5);
    z += -0.02 * (age - 45);
    z += plan.equals("premium") ? -0.4 : plan.equals("basic") ? 0.25 : 0.0;
    z += sentiment < 0 ? 1.2 : sentiment > 0 ? -0.9 : 0.0;
    return z;
  }

  /** Receives the generated rows; {@code bad} marks a row written wrong on purpose. */
  @FunctionalInterface
  interface RowSink {
    void accept(String line, boolean bad) throws IOException;
  }

  private static void writeRows(long seed, long rows, boolean withUnlabelled, RowSink sink)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder line = new StringBuilder(128);
    for (long n = 1; n <= rows; n++) {
      line.setLength(0);
      row(n, random, line);
      // The label is the row's last field; blanking it after drawing keeps every other row
      // unchanged.
      boolean unlabelled = withUnlabelled && n % UNLABELLED_EVERY == UNLABELLED_EVERY / 2;
      if (unlabelled) {
        line.setLength(line.length() - 1);
      }
      sink.accept(line.toString(), unlabelled);
    }
  }

  private static void row(long n, SplittableRandom r, StringBuilder line) {
    int age = 18 + r.nextInt(63);
    int tenure = (int) Math.min(72, Math.floor(-Math.log(1.0 - r.nextDouble()) * 22));
    double charges = Math.round((20 + r.nextDouble() * 100) * 100) / 100.0;
    int calls = 0;
    while (calls < 9 && r.nextDouble() < 0.6) {
      calls++;
    }
    String plan = PLANS[r.nextInt(PLANS.length)];
    String region = REGIONS[r.nextInt(REGIONS.length)];
    double c = r.nextDouble();
    String contract = c < 0.5 ? CONTRACTS[0] : c < 0.8 ? CONTRACTS[1] : CONTRACTS[2];
    double s = r.nextDouble();
    int sentiment = s < 0.25 ? -1 : s < 0.5 ? 1 : 0;
    String note = note(r, sentiment);
    double p =
        1.0 / (1.0 + Math.exp(-logOdds(age, tenure, charges, calls, plan, contract, sentiment)));
    int churned = r.nextDouble() < p ? 1 : 0;

    line.append(customerId(n)).append(',');
    line.append(r.nextDouble() < 0.04 ? "" : Integer.toString(age)).append(',');
    line.append(tenure).append(',');
    line.append(r.nextDouble() < 0.03 ? "" : String.format(Locale.ROOT, "%.2f", charges))
        .append(',');
    line.append(calls).append(',');
    line.append(r.nextDouble() < 0.03 ? "" : plan).append(',');
    line.append(region).append(',');
    line.append(contract).append(',');
    line.append(r.nextDouble() < 0.06 ? "" : note).append(',');
    line.append(churned);
  }

  private static String note(SplittableRandom r, int sentiment) {
    int words = 3 + r.nextInt(6);
    StringBuilder note = new StringBuilder();
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        note.append(' ');
      }
      double pick = r.nextDouble();
      // Mostly filler; a sentiment word about one time in three, and a stray opposite word rarely.
      String[] vocabulary =
          pick < 0.65 || sentiment == 0 && pick < 0.9
              ? NEUTRAL
              : sentiment < 0
                  ? (pick < 0.95 ? NEGATIVE : POSITIVE)
                  : sentiment > 0
                      ? (pick < 0.95 ? POSITIVE : NEGATIVE)
                      : (pick < 0.95 ? NEGATIVE : POSITIVE);
      note.append(vocabulary[r.nextInt(vocabulary.length)]);
    }
    return note.toString();
  }

  /** The datasource spec for a churn table, its input given relative to the spec's folder. */
  public static String spec(String input) {
    return """
        # Customer churn, written by io.sluice.sampledata.ChurnGenerator (sluice sample-data generate).
        input: %s
        format: csv
        label: churned
        id: customer_id
        features:
          - {name: age, type: numeric}
          - {name: tenure_months, type: numeric}
          - {name: monthly_charges, type: numeric}
          - {name: support_calls, type: numeric}
          - {name: plan, type: categorical}
          - {name: region, type: categorical}
          - {name: contract, type: categorical}
          - {name: note, type: text}
        split: {train: 0.8, test: 0.2}
        seed: 42
        """
        .formatted(input);
  }
}
