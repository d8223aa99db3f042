package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A fresh bucket per test on one endpoint; its settings reach S3A, the jobs and the shared session
 * only while it exists.
 */
@SluiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3BucketIT {

  private static S3Bucket classBucket;
  private static S3Bucket firstTestBucket;

  @BeforeAll
  static void classLevelBucket(S3Bucket bucket) {
    classBucket = bucket;
  }

  @Test
  @Order(1)
  void aFreshEmptyBucketReachedThroughS3a(S3Bucket bucket) throws Exception {
    firstTestBucket = bucket;
    assertNotEquals(classBucket.name(), bucket.name(), "a test gets a bucket of its own");
    assertTrue(bucket.name().matches("[a-z0-9][a-z0-9-]{2,62}"), bucket.name());
    assertTrue(bucket.endpoint().matches("http://127\\.0\\.0\\.1:\\d+"), bucket.endpoint());
    assertEquals("s3://" + bucket.name() + "/in/a.txt", bucket.uri("in/a.txt"));
    Map<String, String> s = bucket.hadoopSettings();
    assertEquals(bucket.endpoint(), s.get("fs.s3a.endpoint"));
    assertEquals("true", s.get("fs.s3a.path.style.access"));
    assertEquals("us-east-1", s.get("fs.s3a.endpoint.region"));
    assertEquals("false", s.get("fs.s3a.connection.ssl.enabled"));
    assertEquals(
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        s.get("fs.s3a.aws.credentials.provider"));
    assertTrue(s.containsKey("fs.s3a.access.key") && s.containsKey("fs.s3a.secret.key"));

    Path file = new Path(bucket.s3aUri("in/a.txt"));
    FileSystem fs = file.getFileSystem(bucket.conf());
    assertEquals(0, fs.listStatus(new Path(bucket.s3aUri(""))).length, "the bucket starts empty");
    byte[] data = "b a\na\n".getBytes(StandardCharsets.UTF_8);
    try (FSDataOutputStream out = fs.create(file)) {
      out.write(data);
    }
    assertArrayEquals(
        data,
        Files.readAllBytes(bucket.localDirectory().resolve("in/a.txt")),
        "objects are plain files");
  }

  @Test
  @Order(2)
  void theNextTestGetsAnotherBucketAndJobsRunOnItOnBothEngines(
      S3Bucket bucket, Sluice sluice, SparkSession spark) throws Exception {
    SessionsSeen.record(getClass().getSimpleName(), spark);
    assertNotEquals(firstTestBucket.name(), bucket.name());
    assertEquals(firstTestBucket.endpoint(), bucket.endpoint(), "one endpoint for the JVM");
    Path file = new Path(bucket.s3aUri("in/a.txt"));
    try (FSDataOutputStream out = file.getFileSystem(bucket.conf()).create(file)) {
      out.write("b a\na\n".getBytes(StandardCharsets.UTF_8));
    }
    WordCountOnBothEngines.run(sluice, bucket::uri);
    assertEquals(
        bucket.endpoint(), spark.sparkContext().hadoopConfiguration().get("fs.s3a.endpoint"));
    assertEquals(
        List.of("a\t2", "b\t1"),
        spark
            .read()
            .text(bucket.s3aUri("out-" + Engine.SPARK))
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList()
            .stream()
            .sorted()
            .toList());
  }

  @Test
  @Order(3)
  void aTestWithoutABucketStillSeesTheClassBucketsSettings(SparkSession spark) {
    assertEquals(
        classBucket.endpoint(), spark.sparkContext().hadoopConfiguration().get("fs.s3a.endpoint"));
  }
}
