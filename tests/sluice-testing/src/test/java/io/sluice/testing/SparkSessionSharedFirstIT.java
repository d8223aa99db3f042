package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@link SparkSessionSharedSecondIT}: two test classes get the same Spark session object. */
@SluiceTest
class SparkSessionSharedFirstIT {

  private static SparkSession fromBeforeAll;

  @BeforeAll
  static void keep(SparkSession spark) {
    fromBeforeAll = spark;
  }

  @Test
  void sessionIsConfiguredForTests(SparkSession spark) {
    SessionsSeen.record(getClass().getSimpleName(), spark);
    SessionsSeen.record(getClass().getSimpleName() + "@BeforeAll", fromBeforeAll);
    assertEquals("local[2]", spark.sparkContext().master());
    assertEquals("4", spark.conf().get("spark.sql.shuffle.partitions"));
    assertEquals("false", spark.sparkContext().getConf().get("spark.ui.enabled"));
    assertEquals("127.0.0.1", spark.sparkContext().getConf().get("spark.driver.host"));
    assertEquals("127.0.0.1", spark.sparkContext().getConf().get("spark.driver.bindAddress"));
    assertEquals(10, spark.range(10).count());
  }

  @Test
  void sluiceRunsSparkJobsInTheSameSession(Sluice sluice, SparkSession spark) {
    SessionsSeen.record(getClass().getSimpleName(), sluice.spark());
    SessionsSeen.record(
        getClass().getSimpleName(), sluice.engineContext(io.sluice.jobs.Engine.SPARK).spark());
  }
}
