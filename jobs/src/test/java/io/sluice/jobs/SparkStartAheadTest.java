package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkContext$;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineContext#startSparkAhead}: the session started on its own thread is the one {@link
 * EngineContext#spark()} returns, a job that fails before using it still has it stopped on close,
 * and a start that fails fails the first use exactly as a start on the caller's thread does.
 */
class SparkStartAheadTest {

  @Test
  void theSessionStartedAheadIsTheOneTheJobGets() {
    try (EngineContext context = LocalEngines.context()) {
      context.startSparkAhead();
      context.startSparkAhead(); // once only
      SparkSession session = context.spark();
      assertSame(session, context.spark());
      assertSame(session, SparkSession.getActiveSession().get(), "active on the job's thread");
      assertEquals(1L, session.range(1).count());
    }
    assertTrue(SparkContext$.MODULE$.getActive().isEmpty(), "stopped on close");
  }

  @Test
  void aSessionStartedAheadIsStoppedWhenTheJobNeverUsesIt() {
    EngineContext context = LocalEngines.context();
    context.startSparkAhead();
    context.close();
    assertTrue(SparkContext$.MODULE$.getActive().isEmpty(), "stopped on close");
  }

  @Test
  void aFailedStartFailsTheFirstUseAsAStartOnTheCallersThreadDoes() {
    Exception direct;
    try (EngineContext context = LocalEngines.builder().sparkMaster("nowhere://x").build()) {
      direct = assertThrows(Exception.class, context::spark);
    }
    Exception ahead;
    try (EngineContext context = LocalEngines.builder().sparkMaster("nowhere://x").build()) {
      context.startSparkAhead();
      ahead = assertThrows(Exception.class, context::spark);
    }
    assertEquals(direct.getClass(), ahead.getClass());
    assertEquals(direct.getMessage(), ahead.getMessage());
    assertFalse(direct.getMessage().isBlank());
    assertTrue(SparkContext$.MODULE$.getActive().isEmpty());
  }
}
