package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass search finds exactly the patterns a plain search of each one finds. */
class MultiSearchTest {

  @Test
  void findsWhatAPlainSearchFindsOnSmallAlphabets() {
    Random random = new Random(20261203);
    for (int trial = 0; trial < 3000; trial++) {
      // Two or three letters: patterns overlap, share prefixes and suffixes, and occur often.
      String letters = trial % 2 == 0 ? "ab" : "abc";
      List<String> patterns = new ArrayList<>();
      int count = 1 + random.nextInt(5);
      for (int k = 0; k < count; k++) {
        patterns.add(word(random, letters, 1 + random.nextInt(trial % 3 == 0 ? 3 : 9)));
      }
      String data = word(random, letters, random.nextInt(80));
      if (random.nextBoolean()) {
        // A pattern at the very start or end of the data.
        String p = patterns.get(random.nextInt(count));
        data = random.nextBoolean() ? p + data : data + p;
      }
      assertEquals(plain(patterns, data), search(patterns, data), patterns + " in " + data);
    }
  }

  @Test
  void findsLongPatternsPlantedInRandomBytes() {
    Random random = new Random(7);
    List<String> patterns = List.of("token-one-abcdef", "dG9rZW4tb25l", "token-one-abcdef-longer");
    byte[] noise = new byte[100_000];
    random.nextBytes(noise);
    String data = new String(noise, StandardCharsets.ISO_8859_1);
    assertEquals(new BitSet(), search(patterns, data));
    String planted =
        data.substring(0, 777) + "dG9rZW4tb25l" + data.substring(777) + "token-one-abcdef";
    BitSet want = new BitSet();
    want.set(0);
    want.set(1);
    assertEquals(want, search(patterns, planted));
  }

  private static String word(Random random, String letters, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(letters.charAt(random.nextInt(letters.length())));
    }
    return b.toString();
  }

  private static BitSet search(List<String> patterns, String data) {
    List<byte[]> bytes = new ArrayList<>();
    patterns.forEach(p -> bytes.add(p.getBytes(StandardCharsets.ISO_8859_1)));
    return new MultiSearch(bytes).find(data.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static BitSet plain(List<String> patterns, String data) {
    BitSet found = new BitSet();
    for (int k = 0; k < patterns.size(); k++) {
      if (data.contains(patterns.get(k))) {
        found.set(k);
      }
    }
    return found;
  }
}
