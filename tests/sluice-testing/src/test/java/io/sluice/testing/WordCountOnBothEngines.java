package io.sluice.testing;

import io.sluice.jobs.Engine;
import io.sluice.jobs.RunSummary;
import java.util.Map;
import java.util.function.Function;

/**
 * WordCount of the two lines {@code "b a\na\n"} a test wrote under {@code in}, on both engines,
 * each into {@code out-ENGINE} of the same storage: two lines read and accepted, none rejected, two
 * words written.
 */
final class WordCountOnBothEngines {

  private WordCountOnBothEngines() {}

  /** Runs both; {@code uri} gives the storage's URI of a path ({@code in}, {@code out-spark}). */
  static void run(Sluice sluice, Function<String, String> uri) {
    for (Engine engine : Engine.values()) {
      RunSummary run =
          sluice.run(
              "wordcount",
              engine,
              Map.of("input", uri.apply("in"), "output", uri.apply("out-" + engine)));
      JobAssertions.assertAccounting(run, 2, 2, 0);
      JobAssertions.assertWritten(run, 2);
    }
  }
}
