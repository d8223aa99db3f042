package io.sluice.bench;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV reader of the warehouse load path ({@code io.sluice.warehouse.CsvRecordReader},
 * package-private, reached by reflection; it also keeps each record's raw text for the quarantine
 * file) against Apache Commons CSV alone (the reference), on the same generated file of orders
 * (about 1 in 40 rows with a quoted note holding commas, doubled quotes or a line break). Each
 * reader parses the whole file into fields and touches every field; the best of ROUNDS runs counts
 * (wall time, and the CPU time of the parsing thread, which other load on the machine sways less),
 * after one warm-up run each.
 *
 * <pre>bench/run CsvReaderBenchmark [MB=200] [workdir=target/bench-csv] [rounds=3]</pre>
 */
public final class CsvReaderBenchmark {

  private static final String REFERENCE = "Apache Commons CSV 1.14.1 (RFC4180)";
  private static final String OURS = "warehouse CsvRecordReader";

  /**
   * One parse of the file: records read and a checksum of the field lengths (so nothing is elided).
   */
  private record Pass(long records, long chars) {}

  @FunctionalInterface
  private interface Parser {
    Pass parse(Path file) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    int megabytes = options.intNumber(0, 200);
    Path work = options.workDir(1, "target/bench-csv");
    int rounds = options.intNumber(2, 3);
    Path file =
        KeptInputs.of(
            work.resolve("orders-" + megabytes + "mb.csv"),
            f -> writeOrders(f, megabytes * 1_000_000L));
    long bytes = Files.size(file);
    System.out.printf(Locale.ROOT, "%s: %.1f MiB%n", file, bytes / 1048576.0);

    Map<String, Parser> parsers = new LinkedHashMap<>();
    parsers.put(REFERENCE, CsvReaderBenchmark::commonsCsv);
    parsers.put(OURS, CsvReaderBenchmark::handWritten);
    BestOfRounds best = new BestOfRounds();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Pass expected = null;
    for (int round = 0; round <= rounds; round++) {
      for (Map.Entry<String, Parser> p : parsers.entrySet()) {
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        Pass pass = p.getValue().parse(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (expected == null) {
          expected = pass;
        } else if (!expected.equals(pass)) {
          throw new IllegalStateException(
              p.getKey() + " read " + pass + ", the reference " + expected);
        }
        System.out.printf(
            Locale.ROOT,
            "  %s %s: %.2f s, %.2f s CPU (%d records)%n",
            round == 0 ? "warm-up" : "round " + round,
            p.getKey(),
            seconds,
            cpu,
            pass.records());
        if (round > 0) {
          best.add(p.getKey(), seconds, cpu);
        }
      }
    }
    best.print("reader", 40, rounds, bytes, REFERENCE);
  }

  private static Reader open(Path file) throws IOException {
    return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
  }

  private static Pass commonsCsv(Path file) throws IOException {
    long records = 0;
    long chars = 0;
    try (CSVParser parser = CSVFormat.RFC4180.parse(open(file))) {
      for (CSVRecord record : parser) {
        records++;
        for (int i = 0; i < record.size(); i++) {
          chars += record.get(i).length();
        }
      }
    }
    return new Pass(records, chars);
  }

  private static Pass handWritten(Path file) throws Exception {
    Class<?> readerClass = Class.forName("io.sluice.warehouse.CsvRecordReader");
    Constructor<?> constructor = readerClass.getDeclaredConstructor(Reader.class);
    constructor.setAccessible(true);
    Method read = readerClass.getDeclaredMethod("read");
    read.setAccessible(true);
    Method fields =
        Class.forName("io.sluice.warehouse.CsvRecordReader$CsvRecord").getDeclaredMethod("fields");
    fields.setAccessible(true);
    long records = 0;
    long chars = 0;
    try (Reader in = open(file)) {
      Object reader = constructor.newInstance(in);
      Object record;
      while ((record = read.invoke(reader)) != null) {
        records++;
        for (Object field : (List<?>) fields.invoke(record)) {
          chars += ((String) field).length();
        }
      }
    }
    return new Pass(records, chars);
  }

  /**
   * Orders as a warehouse load sees them: a header, numbers, dates, and now and then a quoted note.
   */
  private static void writeOrders(Path file, long targetBytes) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    String[] countries = {"FR", "DE", "US", "JP", "BR", "IN", "GB", "ES"};
    String[] notes = {
      "\"gift, wrapped\"", "\"said \"\"call first\"\"\"", "\"two\nlines\"", "\"a, b, \"\"c\"\"\""
    };
    LocalDate day = LocalDate.of(2024, 3, 1);
    long written = 0;
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String header = "order_id,customer,country,amount,quantity,paid,order_date,note\n";
      out.write(header);
      written += header.length();
      StringBuilder row = new StringBuilder(128);
      for (long id = 1; written < targetBytes; id++) {
        row.setLength(0);
        row.append(id)
            .append(",C")
            .append(String.format(Locale.ROOT, "%07d", random.nextInt(1_000_000)))
            .append(',')
            .append(countries[random.nextInt(countries.length)])
            .append(',')
            .append(random.nextInt(100_000) / 100.0)
            .append(',')
            .append(1 + random.nextInt(20))
            .append(',')
            .append(random.nextBoolean())
            .append(',')
            .append(day.plusDays(random.nextInt(365)))
            .append(',');
        if (random.nextInt(40) == 0) {
          row.append(notes[random.nextInt(notes.length)]);
        } else {
          row.append("standard delivery to warehouse ").append(random.nextInt(100));
        }
        row.append('\n');
        out.append(row);
        written += row.length();
      }
    }
  }
}
