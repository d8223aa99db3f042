package io.sluice.jobs;

import java.lang.reflect.Field;
import org.apache.spark.sql.SparkSession;

/**
 * Whether a session has built its Spark SQL session state (catalog, analyser, planner, SQL
 * settings). Spark has no public test for it: the classic session's {@code sessionState} is a lazy
 * field, null until something plans a query or reads or sets a SQL setting.
 */
public final class SqlState {

  private SqlState() {}

  /** Whether {@code session}'s SQL state was built. */
  public static boolean built(SparkSession session) {
    try {
      Field state =
          org.apache.spark.sql.classic.SparkSession.class.getDeclaredField("sessionState");
      state.setAccessible(true);
      return state.get(session) != null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Spark's session no longer has a sessionState field", e);
    }
  }

  /**
   * Whether no usable session exists in this JVM (none active on this thread, no default one): a
   * job on RDDs alone runs on a bare SparkContext.
   */
  public static boolean noSession() {
    return SparkSession.getDefaultSession().isEmpty() && SparkSession.getActiveSession().isEmpty();
  }

  /** The default session of this JVM: the one a context started. */
  public static SparkSession defaultSession() {
    return SparkSession.getDefaultSession().get();
  }
}
