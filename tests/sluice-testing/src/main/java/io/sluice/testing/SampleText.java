package io.sluice.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic text for WordCount-style tests: words that repeat, differ only in case or
 * punctuation, sort differently as UTF-16 and as UTF-8 bytes (non-Latin scripts, an emoji), and
 * lines that are empty or split by tabs. Compare a run's output with {@link WordCounts#expected}.
 */
public final class SampleText {

  private static final String[] WORDS = {
    "river",
    "mill",
    "gate",
    "Mühle",
    "мельница",
    "水車",
    "café",
    "River",
    "RIVER",
    "(mill)",
    "3.14",
    "sluice",
    "keeper",
    "zebra",
    "Äpfel",
    "ledger",
    "a",
    "the",
    "ÿ",
    "\uD83D\uDE00"
  };

  private SampleText() {}

  /**
   * {@code count} lines from {@code seed}: every ninth line empty, the others 1 to 13 words, every
   * third word followed by a tab and the rest by a space (so each line ends in whitespace).
   */
  public static List<String> lines(int count, long seed) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder line = new StringBuilder();
      int n = (i % 9 == 0) ? 0 : 1 + (i % 13);
      for (int w = 0; w < n; w++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        line.append(WORDS[(int) ((seed >>> 33) % WORDS.length)]).append(w % 3 == 0 ? "\t" : " ");
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
