package io.sluice.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A deterministic English-like text corpus of a given size: words drawn from a Zipf-like
 * distribution over a synthetic vocabulary (so a few words are very common and most are rare, as in
 * real text), 4-16 words a line. Same seed and size, same bytes.
 */
public final class TextCorpus {

  private static final String LETTERS = "etaoinshrdlcumwfgypbvkjxqz";

  private TextCorpus() {}

  public static void write(Path file, long bytes, long seed) throws IOException {
    int vocabularySize = 200_000;
    String[] vocabulary = new String[vocabularySize];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < vocabularySize; i++) {
      int length = 2 + random.nextInt(9);
      StringBuilder word = new StringBuilder(length);
      for (int c = 0; c < length; c++) {
        // Skewed letter choice gives word shapes closer to English than uniform letters.
        word.append(LETTERS.charAt((int) (Math.pow(random.nextDouble(), 1.7) * LETTERS.length())));
      }
      vocabulary[i] = word.toString();
    }
    long written = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(256);
      while (written < bytes) {
        line.setLength(0);
        int words = 4 + random.nextInt(13);
        for (int w = 0; w < words; w++) {
          if (w > 0) {
            line.append(' ');
          }
          // Zipf-like rank: floor(N^u) - 1 is heavily skewed to small ranks.
          int rank = (int) Math.pow(vocabularySize, random.nextDouble()) - 1;
          line.append(vocabulary[rank]);
        }
        line.append('\n');
        out.append(line);
        written += line.length(); // ASCII only: chars == bytes
      }
    }
  }
}
