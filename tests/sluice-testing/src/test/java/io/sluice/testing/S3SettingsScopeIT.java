package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A bucket's settings are on the shared session during its test only. */
@SluiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3SettingsScopeIT {

  private static String endpoint;

  @Test
  @Order(1)
  void duringTheTest(S3Bucket bucket, SparkSession spark) {
    endpoint = bucket.endpoint();
    assertEquals(endpoint, spark.sparkContext().hadoopConfiguration().get("fs.s3a.endpoint"));
    assertEquals(
        "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
        spark.conf().get("spark.sql.sources.commitProtocolClass"),
        "Spark SQL writes commit through the S3A committer");
  }

  @Test
  @Order(2)
  void afterTheTest(SparkSession spark) {
    assertNotEquals(
        endpoint,
        spark.sparkContext().hadoopConfiguration().get("fs.s3a.endpoint"),
        "endpoint still set");
    assertEquals(
        "org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol",
        spark.conf().get("spark.sql.sources.commitProtocolClass"),
        "Spark's own commit protocol is back");
  }
}
