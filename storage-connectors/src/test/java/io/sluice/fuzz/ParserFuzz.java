package io.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One parser under fuzz, as its test declares it: its valid samples, the check of one input, and
 * its two properties, each with a fixed seed: {@link FuzzProperty#defaultTries()} mutants of the
 * samples, and a few that each hold a field of 1 to 2 MiB ({@link Mutations#withHugeField}), which
 * cost too much to run by the thousand. Every input checked is counted as tried, and the check
 * counts what the parser made of it in {@link #counts()}, which {@link FuzzTestBase} prints once
 * the class has run.
 */
public final class ParserFuzz implements AutoCloseable {

  /** Checks one input, failing (throwing) when the parser mishandles it, and counts the outcome. */
  @FunctionalInterface
  public interface Check {
    void accept(Mutant input, FuzzCounts counts) throws Exception;
  }

  /** Checks one input written to a file of its own. */
  @FunctionalInterface
  public interface FileCheck {
    void accept(Path file, FuzzCounts counts) throws Exception;
  }

  /** A whole-input parse: its result, or a user error refusing the input. */
  @FunctionalInterface
  public interface Parse {
    Object parse(Mutant input) throws Exception;
  }

  private final String parser;
  private final FuzzCounts counts;
  private final List<String> samples;
  private Check check;
  private Parse parse;
  private String what = "";
  private long seed;
  private long hugeSeed;
  private int hugeTries;
  private Path dir;

  private ParserFuzz(String parser, List<String> samples) {
    this.parser = parser;
    this.counts = new FuzzCounts(parser);
    this.samples = List.copyOf(samples);
  }

  /**
   * A parser whose check is its own (records read one by one, accepted or quarantined).
   *
   * @param parser what the counts line calls it: the input and the class under test
   */
  public static ParserFuzz of(String parser, List<String> samples, Check check) {
    ParserFuzz fuzz = new ParserFuzz(parser, samples);
    fuzz.check = check;
    return fuzz;
  }

  /**
   * A parser that reads files through its real reader: each input is written to {@code fileName} in
   * a temporary folder of the parser's own (removed by {@link #close}), the one input there at a
   * time, before the check reads it.
   */
  public static ParserFuzz ofFiles(
      String parser, List<String> samples, String fileName, FileCheck check) {
    ParserFuzz fuzz = new ParserFuzz(parser, samples);
    fuzz.check = (input, counts) -> check.accept(fuzz.written(fileName, input), counts);
    return fuzz;
  }

  /**
   * A parser of whole inputs (a schema, a spec, a pipeline, an item): each input parses to a
   * non-null result or is refused with a one-line user error ({@link Refusals#parsedOrRefused}),
   * and each sample parses.
   */
  public static ParserFuzz wholeInputs(String parser, List<String> samples, Parse parse) {
    ParserFuzz fuzz =
        of(
            parser,
            samples,
            (input, counts) -> Refusals.parsedOrRefused(counts, () -> parse.parse(input)));
    fuzz.parse = parse;
    return fuzz;
  }

  /**
   * Names the parser's two properties and fixes their seeds.
   *
   * @param what what every input must come to: the tests' name
   * @param seed the seed of the many cheap mutants
   * @param hugeSeed the seed of the mutants with a huge field
   * @param hugeTries how many of those
   */
  public ParserFuzz properties(String what, long seed, long hugeSeed, int hugeTries) {
    this.what = what;
    this.seed = seed;
    this.hugeSeed = hugeSeed;
    this.hugeTries = hugeTries;
    return this;
  }

  /**
   * The parser's tests: for a parser of whole inputs, first that its samples parse (a fuzz of
   * invalid samples would try little but refusals); then the cheap property and the one with a huge
   * field.
   */
  public List<DynamicTest> tests() {
    List<DynamicTest> tests = new ArrayList<>();
    if (parse != null) {
      tests.add(DynamicTest.dynamicTest("the samples of " + parser + " parse", this::samplesParse));
    }
    toProperties().forEach(p -> tests.add(p.test()));
    return tests;
  }

  private void samplesParse() throws Exception {
    for (int i = 0; i < samples.size(); i++) {
      byte[] sample = samples.get(i).getBytes(StandardCharsets.UTF_8);
      assertNotNull(parse.parse(new Mutant(sample, "sample " + i)), "sample " + i);
    }
  }

  /** The cheap property, then the one with a huge field. */
  public List<FuzzProperty> toProperties() {
    FuzzProperty.Check one =
        input -> {
          counts.tried();
          check.accept(input, counts);
        };
    return List.of(
        FuzzProperty.of(what, seed, Mutations.of(samples), one),
        FuzzProperty.of(
                what + ", with a huge field", hugeSeed, Mutations.withHugeField(samples), one)
            .withTries(hugeTries));
  }

  /** What the parser made of the inputs checked so far. */
  public FuzzCounts counts() {
    return counts;
  }

  private synchronized Path written(String fileName, Mutant input) throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory("fuzz-");
    }
    return Files.write(dir.resolve(fileName), input.bytes());
  }

  /** Removes the folder the inputs were written to, if any. */
  @Override
  public synchronized void close() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dir = null;
  }
}
