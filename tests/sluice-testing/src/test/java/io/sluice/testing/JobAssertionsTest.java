package io.sluice.testing;

import static io.sluice.testing.JobAssertions.assertAccounting;
import static io.sluice.testing.JobAssertions.assertLines;
import static io.sluice.testing.JobAssertions.assertLinesInAnyOrder;
import static io.sluice.testing.JobAssertions.assertRejected;
import static io.sluice.testing.JobAssertions.assertWritten;
import static io.sluice.testing.JobAssertions.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.RunSummary;
import io.sluice.testing.JobAssertions.Rejection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Each assertion passes on right input and fails, readably, on wrong input (local files, no
 * engines).
 */
class JobAssertionsTest {

  @TempDir Path dir;

  private TestStorage storage;

  @BeforeEach
  void localStorage() {
    storage = new TestStorage(TestStorage.Kind.FILE, "file://" + dir.toAbsolutePath());
  }

  private static RunSummary summary(long read, long accepted, long rejected, long written) {
    return new RunSummary(
        "demo",
        Engine.SPARK,
        new RunSummary.Counts(read, accepted, rejected, written, 10, 20),
        Duration.ofMillis(5));
  }

  @Test
  void assertLinesComparesInOrderAndPrintsADiff() {
    storage.writeLines("out/part-00000", List.of("a\t1", "b\t2"));
    storage.writeLines("out/part-00001", List.of("c\t3"));
    storage.writeLines("out/_SUCCESS", List.of());
    assertLines(List.of("a\t1", "b\t2", "c\t3"), storage, "out");

    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> assertLines(List.of("a\t1", "b\t20", "c\t3"), storage, "out"));
    assertTrue(e.getMessage().contains("- b\\t20\n+ b\\t2\n"), e.getMessage());
    assertTrue(
        e.getMessage()
            .startsWith("lines of " + storage.uri("out") + " differ: expected 3 lines, actual 3"),
        e.getMessage());
    assertEquals("a\t1\nb\t20\nc\t3", e.getExpected().getValue());
    assertThrows(
        AssertionFailedError.class,
        () -> assertLines(List.of("b\t2", "a\t1", "c\t3"), storage, "out"),
        "order matters");
  }

  @Test
  void assertLinesShowsOnlyTheChangesWithContextInLongOutputs() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      expected.add("line " + i);
    }
    List<String> actual = new ArrayList<>(expected);
    actual.set(500, "changed");
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> assertLines(expected, actual, "output"));
    assertTrue(
        e.getMessage()
            .contains(
                "@@ line 499 @@\n  line 498\n  line 499\n- line 500\n+ changed\n  line 501\n"),
        e.getMessage());
    assertTrue(e.getMessage().lines().count() < 12, e.getMessage());
  }

  @Test
  void assertLinesInAnyOrderCountsDuplicates() {
    storage.writeLines("f.txt", List.of("x", "y", "x"));
    assertLinesInAnyOrder(List.of("x", "x", "y"), storage, "f.txt");
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> assertLinesInAnyOrder(List.of("x", "y", "y"), storage, "f.txt"));
    assertTrue(e.getMessage().contains("missing (expected, not found): 1\n  y\n"), e.getMessage());
    assertTrue(
        e.getMessage().contains("unexpected (found, not expected): 1\n  x\n"), e.getMessage());
  }

  @Test
  void assertAccountingAndAssertWritten() {
    RunSummary s = summary(10, 8, 2, 5);
    assertAccounting(s, 10, 8, 2);
    assertWritten(s, 5);
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> assertAccounting(s, 10, 9, 1));
    assertEquals("read=10 accepted=9 rejected=1", e.getExpected().getValue());
    assertEquals("read=10 accepted=8 rejected=2", e.getActual().getValue());
    assertThrows(AssertionFailedError.class, () -> assertWritten(s, 6));
    // A summary whose counts do not add up fails even when the expected numbers copy it.
    assertThrows(
        AssertionFailedError.class, () -> assertAccounting(summary(10, 8, 1, 5), 10, 8, 1));
  }

  @Test
  void assertRejectedMatchesFileLineAndReasonInAnyOrder() {
    storage.writeLines(
        "out/_rejected/part-00000",
        List.of(
            new RejectedRecord(
                    "file:/data/in/b.csv",
                    5,
                    "column 1",
                    "empty line; --left-key 1 needs at least 1",
                    "")
                .toJson(),
            new RejectedRecord(
                    "file:/data/in/a.csv", 42, null, "right row has 1 column(s)", "short41")
                .toJson()));
    storage.writeLines(
        "out/_rejected/short-records.jsonl",
        List.of(
            new RejectedRecord("file:/data/in/c.bin", 399900, null, "short record", "00ff")
                .toJson()));

    assertRejected(
        storage,
        "out",
        rejection("a.csv", 42, "1 column(s)"),
        rejection("c.bin", 399900, "short"),
        rejection("in/b.csv", 5, "empty line"));

    Rejection a = rejection("a.csv", 42, "1 column(s)");
    Rejection b = rejection("b.csv", 5, "empty");
    Rejection c = rejection("c.bin", 399900, "short");
    AssertionFailedError wrongLine =
        rejectedDiffers("position 41, not 42", rejection("a.csv", 41, "1 column(s)"), c, b);
    assertTrue(
        wrongLine.getMessage().contains("not found:\n  source ending 'a.csv', position 41"),
        wrongLine.getMessage());
    assertTrue(
        wrongLine
            .getMessage()
            .contains("not expected:\n  {\"source\":\"file:/data/in/a.csv\",\"position\":42"),
        wrongLine.getMessage());
    rejectedDiffers("one record too many", a, b);
    rejectedDiffers("one record cannot match two", a, rejection("a.csv", 42, "column"), b, c);
    rejectedDiffers("no record has that reason", rejection("a.csv", 42, "no such reason"), c, b);
    assertRejected(storage, "no-output-here");
  }

  /** assertRejected on "out" fails for these expectations, for the reason given. */
  private AssertionFailedError rejectedDiffers(String why, Rejection... expected) {
    return assertThrows(
        AssertionFailedError.class, () -> assertRejected(storage, "out", expected), why);
  }

  @Test
  void testStorageReadsPartFilesInNameOrderAndRejectedRecordsSorted() {
    storage.write("out/part-r-00001", "c\n");
    storage.write("out/part-r-00000", "a\nb\n");
    storage.write(
        "out/_rejected/part-00000",
        "{\"source\":\"s\",\"position\":2,\"field\":null,\"reason\":\"z\",\"record\":\"r\"}\n"
            + "{\"source\":\"s\",\"position\":1,\"field\":\"f\",\"reason\":\"y\",\"record\":\"q\\u00e9\\t\"}\n");
    assertEquals(List.of("a", "b", "c"), storage.readLines("out"));
    assertEquals(List.of("c"), storage.readLines("out/part-r-00001"));
    assertEquals(2, storage.rejected("out").size());
    assertEquals(
        List.of(
            new RejectedRecord("s", 1, "f", "y", "qé\t"),
            new RejectedRecord("s", 2, null, "z", "r")),
        storage.rejectedRecords("out"));
    assertTrue(storage.exists("out/part-r-00000"));
    assertTrue(!storage.exists("out/part-r-00002"));
    assertEquals("file://" + dir.toAbsolutePath() + "/out", storage.uri("out"));
    assertEquals(storage.uri("out"), storage.uri("/out"));
  }
}
