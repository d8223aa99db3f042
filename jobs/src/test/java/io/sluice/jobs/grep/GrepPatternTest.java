package io.sluice.jobs.grep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrepPatternTest {

  @Test
  void countsEveryMatchInALine() {
    assertEquals(
        List.of("mill", "mill", "mill"),
        GrepPattern.compile("mill", 0).matches("mill millrace, mill"));
    assertEquals(List.of(), GrepPattern.compile("x+", 0).matches("river"));
  }

  @Test
  void keysByTheChosenGroup() {
    GrepPattern pattern = GrepPattern.compile("([a-z]+)-(\\d+)", 2);
    assertEquals(List.of("12", "7"), pattern.matches("gate-12 and mill-7"));
  }

  @Test
  void emptyMatchesCountLikeMatcherFindsThem() {
    // Matcher.find() steps past an empty match, so "b*" on "ab" finds "", "b", "".
    assertEquals(List.of("", "b", ""), GrepPattern.compile("b*", 0).matches("ab"));
  }

  @Test
  void aGroupThatTookNoPartCountsNothing() {
    GrepPattern pattern = GrepPattern.compile("a(x)?", 1);
    assertEquals(List.of("x"), pattern.matches("a ax"));
  }

  @Test
  void invalidRegexIsBadInputNamingIt() {
    BadInputException e =
        assertThrows(BadInputException.class, () -> GrepPattern.compile("mill(", 0));
    assertTrue(
        e.getMessage().startsWith("--pattern 'mill(' is not a valid Java regex: Unclosed group"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void missingGroupIsBadInput() {
    BadInputException e =
        assertThrows(BadInputException.class, () -> GrepPattern.compile("(a)b", 2));
    assertEquals(
        "--group 2 does not exist in --pattern '(a)b': it has 1 capturing group(s);"
            + " use 0 for the whole match or 1..1",
        e.getMessage());
    assertThrows(BadInputException.class, () -> GrepPattern.compile("ab", -1));
  }
}
