package io.sluice.jobs.grep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountedMatchTest {

  @Test
  void ordersByCountDescendingThenUtf8BytesAscending() {
    List<CountedMatch> matches =
        new ArrayList<>(
            List.of(
                new CountedMatch(2, "zebra"),
                new CountedMatch(5, "mill"),
                new CountedMatch(2, "Äpfel"),
                new CountedMatch(2, "\uD83D\uDE00"),
                new CountedMatch(2, "\uFFFD"),
                new CountedMatch(2, ""),
                new CountedMatch(2, "Zebra"),
                new CountedMatch(10, "b")));
    matches.sort(null);
    // By bytes: "" < "Zebra" < "zebra" < "Äpfel" (C3 84) < U+FFFD (EF BF BD) < U+1F600 (F0 9F 98
    // 80);
    // UTF-16 order would put the emoji (a surrogate pair, D83D) before U+FFFD.
    assertEquals(
        List.of(
            "10\tb",
            "5\tmill",
            "2\t",
            "2\tZebra",
            "2\tzebra",
            "2\tÄpfel",
            "2\t\uFFFD",
            "2\t\uD83D\uDE00"),
        matches.stream().map(CountedMatch::toString).toList());
  }

  @Test
  void survivesSerialisation() throws Exception {
    CountedMatch original = new CountedMatch(123_456_789_012L, "мельница");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.write(new DataOutputStream(bytes));
    CountedMatch copy = new CountedMatch();
    copy.readFields(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(original, copy);
    assertEquals(0, original.compareTo(copy));
  }
}
