package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** The Spark sessions test classes of this JVM were given: all must be one object. */
final class SessionsSeen {

  private static final List<SparkSession> SEEN = new ArrayList<>();
  private static final List<String> BY = new ArrayList<>();

  private SessionsSeen() {}

  static synchronized void record(String testClass, SparkSession session) {
    assertFalse(session.sparkContext().isStopped(), "the shared session is running");
    for (int i = 0; i < SEEN.size(); i++) {
      assertSame(SEEN.get(i), session, testClass + " got another session than " + BY.get(i));
    }
    SEEN.add(session);
    BY.add(testClass);
  }

  static synchronized int classes() {
    return (int) BY.stream().distinct().count();
  }
}
