package io.sluice.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.TreeMap;

/**
 * What a WordCount must write for some lines, computed in plain Java: the reference the tests of
 * every engine, cluster and YARN compare a run's part files with.
 */
public final class WordCounts {

  private WordCounts() {}

  /**
   * {@code word TAB count} lines: whitespace tokens as Hadoop's WordCount splits them ({@link
   * StringTokenizer}), ordered by UTF-8 bytes as Hadoop orders its {@code Text} keys.
   */
  public static String expected(List<String> lines) {
    Map<String, Integer> counts = new TreeMap<>(WordCounts::compareUtf8);
    for (String line : lines) {
      StringTokenizer tokens = new StringTokenizer(line);
      while (tokens.hasMoreTokens()) {
        counts.merge(tokens.nextToken(), 1, Integer::sum);
      }
    }
    StringBuilder out = new StringBuilder();
    counts.forEach((w, c) -> out.append(w).append('\t').append(c).append('\n'));
    return out.toString();
  }

  private static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
