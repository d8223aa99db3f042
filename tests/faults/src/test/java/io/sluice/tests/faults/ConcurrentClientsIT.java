package io.sluice.tests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.bench.ConcurrentClientsBenchmark;
import io.sluice.bench.ConcurrentClientsBenchmark.Outcome;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.storage.s3.EmbeddedS3;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileUtil;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 point 6, small: 32 concurrent clients put and get back their own objects (embedded S3)
 * and items (dynalite) on loopback, {@code sluice.load.perClient} each (10 here, 200 under
 * -Pfault-matrix; {@code bench/run ConcurrentClientsBenchmark} prints the full figures): no errors,
 * nothing lost.
 */
class ConcurrentClientsIT {

  private static final int CLIENTS = 32;
  private static final int PER_CLIENT = Integer.getInteger("sluice.load.perClient", 10);

  @Test
  void embeddedS3() throws Exception {
    Path dir = Path.of("target", "concurrent-clients-s3").toAbsolutePath();
    FileUtil.fullyDelete(dir.toFile());
    try (EmbeddedS3 s3 = Servers.s3(dir, 0)) {
      check(ConcurrentClientsBenchmark.s3(s3.storageConfig(), "load", CLIENTS, PER_CLIENT));
    }
  }

  @Test
  void kvServer() throws Exception {
    try (EmbeddedDynamoDb kv = Servers.dynamoDb(null, 0)) {
      check(ConcurrentClientsBenchmark.kv(kv.config(), "load", CLIENTS, PER_CLIENT));
    }
  }

  private static void check(Outcome outcome) {
    System.out.println(outcome);
    assertEquals(0, outcome.errors(), outcome::toString);
    assertEquals(0, outcome.lost(), outcome::toString);
  }
}
