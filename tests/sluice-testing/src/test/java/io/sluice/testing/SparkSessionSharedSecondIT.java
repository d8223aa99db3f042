package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * With {@link SparkSessionSharedFirstIT}: whichever runs second checks it got the first one's
 * session.
 */
@SluiceTest
class SparkSessionSharedSecondIT {

  @Test
  void sameSessionAsTheOtherClass(SparkSession spark) {
    SessionsSeen.record(getClass().getSimpleName(), spark);
    assertEquals(3, spark.range(3).count());
  }
}
