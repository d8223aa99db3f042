package io.sluice.jobs.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.StringTokenizer;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WordTallyTest {

  /** Bytes lines are drawn from: delimiters, near-delimiters, ASCII, UTF-8 pieces, bad bytes. */
  private static final byte[][] PIECES = {
    {' '},
    {'\t'},
    {'\n'},
    {'\r'},
    {'\f'},
    {0x0b},
    {0},
    {'a'},
    {'b'},
    {'Z'},
    {'-'},
    "é".getBytes(StandardCharsets.UTF_8),
    "日本".getBytes(StandardCharsets.UTF_8),
    "😀".getBytes(StandardCharsets.UTF_8),
    {(byte) 0xc3},
    {(byte) 0xff},
    {(byte) 0x80},
    {(byte) 0xe6, (byte) 0x97}
  };

  @Test
  void countsTheWordsStringTokenizerFindsInTheDecodedLines() {
    Random random = new Random(19);
    WordTally tally = new WordTally();
    Map<String, Long> expected = new TreeMap<>();
    for (int l = 0; l < 2_000; l++) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int p = random.nextInt(30); p > 0; p--) {
        line.writeBytes(PIECES[random.nextInt(PIECES.length)]);
      }
      byte[] bytes = line.toByteArray();
      tally.add(bytes);
      StringTokenizer tokens = new StringTokenizer(new String(bytes, StandardCharsets.UTF_8));
      while (tokens.hasMoreTokens()) {
        expected.merge(tokens.nextToken(), 1L, Long::sum);
      }
    }
    assertEquals(expected, summed(tally));
  }

  @Test
  void drainHandsOnTheCountsAndStartsAgain() {
    WordTally tally = new WordTally();
    tally.add("a b a".getBytes(StandardCharsets.UTF_8));
    assertEquals(Map.of("a", 2L, "b", 1L), summed(tally));
    assertEquals(0, tally.size());
    assertFalse(tally.drain().hasNext());
    tally.add("\tb\f\r\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(Map.of("b", 1L), summed(tally));
  }

  @Test
  void growsPastItsFirstTableAndByteArray() {
    WordTally tally = new WordTally();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 100_000; i++) {
        tally.add(("word-" + i + " long-word-number-" + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    Map<String, Long> counts = summed(tally);
    assertEquals(200_000, counts.size());
    assertEquals(2L, counts.get("word-99999"));
    assertEquals(2L, counts.get("long-word-number-0"));
  }

  private static Map<String, Long> summed(WordTally tally) {
    Map<String, Long> counts = new TreeMap<>();
    tally.drain().forEachRemaining(t -> counts.merge(t._1(), t._2(), Long::sum));
    return counts;
  }
}
