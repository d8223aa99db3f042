package io.sluice.runner.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** aws-cli's filter rules: fnmatch patterns on the relative path, the last matching filter wins. */
class SyncFiltersTest {

  @Test
  void globsAreFnmatchWhereStarCrossesSlashes() {
    assertTrue(SyncFilters.fnmatch("*.log").matcher("logs/2024/x.log").matches());
    assertFalse(SyncFilters.fnmatch("*.log").matcher("x.log.gz").matches());
    assertTrue(SyncFilters.fnmatch("data/?.csv").matcher("data/b.csv").matches());
    assertFalse(SyncFilters.fnmatch("data/?.csv").matcher("data/bb.csv").matches());
    assertTrue(SyncFilters.fnmatch("[ab]*").matcher("b.txt").matches());
    assertFalse(SyncFilters.fnmatch("[!ab]*").matcher("b.txt").matches());
    assertTrue(SyncFilters.fnmatch("a+b(1).txt").matcher("a+b(1).txt").matches(), "literal");
  }

  @Test
  void laterFiltersWinAndEverythingIsIncludedByDefault() {
    SyncFilters none = new SyncFilters();
    assertTrue(none.includes("any/thing"));

    SyncFilters csvOnly = new SyncFilters();
    csvOnly.add(false, "*");
    csvOnly.add(true, "*.csv");
    assertTrue(csvOnly.includes("data/b.csv"));
    assertFalse(csvOnly.includes("a.txt"));

    SyncFilters reversed = new SyncFilters();
    reversed.add(true, "*.csv");
    reversed.add(false, "*");
    assertFalse(reversed.includes("data/b.csv"), "the later --exclude wins");
  }
}
