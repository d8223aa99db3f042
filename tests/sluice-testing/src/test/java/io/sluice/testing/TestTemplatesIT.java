package io.sluice.testing;

import static io.sluice.testing.JobAssertions.assertAccounting;
import static io.sluice.testing.JobAssertions.assertLines;
import static io.sluice.testing.JobAssertions.assertRejected;
import static io.sluice.testing.JobAssertions.assertWritten;
import static io.sluice.testing.JobAssertions.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.RunSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/** One test method runs on every engine and storage, each invocation with storage of its own. */
@SluiceTest
class TestTemplatesIT {

  private static final List<String> BOTH = new ArrayList<>();
  private static final List<String> STORAGES = new ArrayList<>();
  private static final Set<String> ROOTS = new HashSet<>();

  @AfterAll
  static void everyInvocationRan() {
    assertEquals(
        List.of(
            "[spark, file]",
            "[spark, hdfs]",
            "[spark, s3]",
            "[mapreduce, file]",
            "[mapreduce, hdfs]",
            "[mapreduce, s3]"),
        BOTH);
    assertEquals(List.of("[file]", "[s3]"), STORAGES);
  }

  @BeforeEach
  void storageIsGivenToBeforeEachToo(TestInfo info, TestStorage storage) {
    assertFalse(storage.exists("in"), info.getDisplayName() + ": the storage starts empty");
    storage.writeLines("in/a.txt", List.of("b a", "a"));
    storage.writeLines("in/b.txt", List.of("c"));
  }

  @AcrossEnginesAndStorages
  void wordCountOnEveryEngineAndStorage(
      Sluice sluice, Engine engine, TestStorage storage, TestInfo info) {
    BOTH.add(info.getDisplayName());
    assertEquals("[" + engine.id() + ", " + storage.kind().id() + "]", info.getDisplayName());
    assertTrue(ROOTS.add(storage.uri("")), "a storage of its own: " + storage.uri(""));
    switch (storage.kind()) {
      case FILE -> assertTrue(storage.uri("in").startsWith("file:///"), storage.uri("in"));
      case HDFS -> assertTrue(storage.uri("in").startsWith("hdfs://127.0.0.1:"), storage.uri("in"));
      case S3 -> assertTrue(storage.uri("in").startsWith("s3://t"), storage.uri("in"));
    }
    RunSummary run =
        sluice.run(
            "wordcount", engine, Map.of("input", storage.uri("in"), "output", storage.uri("out")));
    assertAccounting(run, 3, 3, 0);
    assertWritten(run, 3);
    assertLines(List.of("a\t2", "b\t1", "c\t1"), storage, "out");
    assertTrue(storage.exists("out/_SUCCESS"));
    assertRejected(storage, "out");
  }

  @AcrossStorages(storages = {TestStorage.Kind.FILE, TestStorage.Kind.S3})
  void restrictedToSomeStorages(TestStorage storage, TestInfo info) {
    STORAGES.add(info.getDisplayName());
    assertEquals(List.of("b a", "a"), storage.readLines("in/a.txt"));
  }

  @AcrossEnginesAndStorages(storages = TestStorage.Kind.HDFS)
  void joinQuarantinesShortRowsOnBothEngines(Sluice sluice, Engine engine, TestStorage storage) {
    storage.writeLines("left.csv", List.of("1,ann", "", "2,bob"));
    storage.writeLines("right.csv", List.of("x,1", "short", "y,2", "z,2"));
    RunSummary run =
        sluice.run(
            "join",
            engine,
            Map.of(
                "left",
                storage.uri("left.csv"),
                "right",
                storage.uri("right.csv"),
                "left-key",
                "1",
                "right-key",
                "2",
                "output",
                storage.uri("out")));
    assertAccounting(run, 7, 5, 2);
    assertLines(List.of("1,ann,x", "2,bob,y", "2,bob,z"), storage, "out");
    assertRejected(
        storage,
        "out",
        rejection("/left.csv", 2, "empty line"),
        rejection("/right.csv", 2, "1 column(s)"));
  }
}
