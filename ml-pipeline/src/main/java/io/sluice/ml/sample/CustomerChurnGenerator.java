package io.sluice.ml.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthetic customer-churn table with a known logistic signal, the same for the same seed and
 * row count on any machine. Churn is drawn from sigmoid(z) where z rises with a month-to-month
 * contract, high charges, support calls and a negative note, and falls with tenure, age, a
 * two-year contract, the premium plan and a positive note; {@code region} carries no signal.
 * Some values are missing (age, monthly_charges, plan, note) after the label is drawn.
 */
public final class CustomerChurnGenerator {

  public static final String HEADER =
      "customer_id,age,tenure_months,monthly_charges,support_calls,plan,region,contract,note,churned";
  /** Rows logged between progress lines. */
  static final long PROGRESS_EVERY = 250_000;

  private static final Logger LOG = LoggerFactory.getLogger(CustomerChurnGenerator.class);
  private static final String[] PLANS = {"basic", "standard", "premium"};
  private static final String[] REGIONS = {"north", "south", "east", "west"};
  private static final String[] CONTRACTS = {"month-to-month", "one-year", "two-year"};
  private static final String[] NEGATIVE = {"slow", "outage", "cancel", "expensive", "unhappy", "dropped", "refund",
      "complaint", "waiting", "broken"};
  private static final String[] POSITIVE = {"great", "happy", "fast", "helpful", "thanks", "reliable", "upgrade",
      "recommend", "friendly", "resolved"};
  private static final String[] NEUTRAL = {"called", "about", "bill", "router", "address", "change", "question",
      "account", "plan", "service", "email", "payment", "asked", "the", "my", "for"};

  private final long seed;

  public CustomerChurnGenerator(long seed) {
    this.seed = seed;
  }

  /** Writes {@code rows} rows with a header line; returns the bytes written. */
  public long write(long rows, Path file) {
    if (rows < 1) {
      throw new IllegalArgumentException("--rows must be at least 1, got " + rows);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        write(rows, out);
      }
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the header and {@code rows} rows. */
  public void write(long rows, Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    out.write(HEADER);
    out.write('\n');
    StringBuilder line = new StringBuilder(128);
    for (long i = 1; i <= rows; i++) {
      line.setLength(0);
      row(i, random, line);
      out.write(line.append('\n').toString());
      if (i % PROGRESS_EVERY == 0) {
        LOG.info("generated {} of {} rows", i, rows);
      }
    }
  }

  /** The true churn probability's log-odds for a customer; public so tests can check the signal. */
  public static double logOdds(int age, int tenure, double charges, int calls, String plan, String contract,
      int sentiment) {
    double z = -1.3;
    z += switch (contract) {
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

  private static void row(long i, SplittableRandom r, StringBuilder line) {
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
    double p = 1.0 / (1.0 + Math.exp(-logOdds(age, tenure, charges, calls, plan, contract, sentiment)));
    int churned = r.nextDouble() < p ? 1 : 0;

    line.append(String.format(Locale.ROOT, "C%07d", i)).append(',');
    line.append(r.nextDouble() < 0.04 ? "" : Integer.toString(age)).append(',');
    line.append(tenure).append(',');
    line.append(r.nextDouble() < 0.03 ? "" : String.format(Locale.ROOT, "%.2f", charges)).append(',');
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
      String[] vocabulary = pick < 0.65 || sentiment == 0 && pick < 0.9 ? NEUTRAL
          : sentiment < 0 ? (pick < 0.95 ? NEGATIVE : POSITIVE)
          : sentiment > 0 ? (pick < 0.95 ? POSITIVE : NEGATIVE)
          : (pick < 0.95 ? NEGATIVE : POSITIVE);
      note.append(vocabulary[r.nextInt(vocabulary.length)]);
    }
    return note.toString();
  }

  /** The datasource spec for a generated file, its input given relative to the spec's folder. */
  public static String spec(String input) {
    return """
        # Customer churn, generated by CustomerChurnGenerator (sluice ml generate).
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
        """.formatted(input);
  }
}
