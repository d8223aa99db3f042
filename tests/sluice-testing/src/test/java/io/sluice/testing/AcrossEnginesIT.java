package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInfo;

/** {@link AcrossEngines} with and without a restriction; fixtures resolve in each invocation. */
class AcrossEnginesIT {

  private static final List<String> ALL = new ArrayList<>();
  private static final List<String> RESTRICTED = new ArrayList<>();
  private static final List<String> BUCKETS = new ArrayList<>();

  @AfterAll
  static void everyInvocationRan() {
    assertEquals(List.of("[spark]", "[mapreduce]"), ALL);
    assertEquals(List.of("[mapreduce]"), RESTRICTED);
    assertEquals(3, BUCKETS.stream().distinct().count(), "a bucket per invocation: " + BUCKETS);
  }

  @AcrossEngines
  void onBothEngines(Engine engine, TestInfo info, S3Bucket bucket) {
    ALL.add(info.getDisplayName());
    BUCKETS.add(bucket.name());
    assertEquals("[" + engine.id() + "]", info.getDisplayName());
  }

  @AcrossEngines(engines = Engine.MAPREDUCE)
  void restrictedToOneEngine(Engine engine, TestInfo info, S3Bucket bucket) {
    RESTRICTED.add(info.getDisplayName());
    BUCKETS.add(bucket.name());
    assertEquals(Engine.MAPREDUCE, engine);
    assertTrue(bucket.name().contains("restricted-to-one-engine"), bucket.name());
  }
}
