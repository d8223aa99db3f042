package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.EngineContext;
import io.sluice.storage.StorageConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded runtime's Spark settings, and that a user's setting wins over them. */
class RunDefaultsTest {

  private static String broadcastCompress(String master, Map<String, String> conf) {
    try (EngineContext context =
        RunDefaults.engineContext(
                master,
                "run-defaults-test",
                false,
                HadoopSiteConfiguration.NONE,
                StorageConfig.builder().build(),
                conf)
            .build()) {
      return context.sparkContext().getConf().get("spark.broadcast.compress", "(unset)");
    }
  }

  @Test
  void localRunsDoNotCompressBroadcastsUnlessTheUserAsks() {
    assertEquals("false", broadcastCompress("local[1]", Map.of()));
    assertEquals("true", broadcastCompress("local[1]", Map.of("spark.broadcast.compress", "true")));
  }

  @Test
  void onlyMastersWhoseExecutorsShareTheDriversJvmCountAsLocal() {
    assertTrue(RunDefaults.inThisJvm("local"));
    assertTrue(RunDefaults.inThisJvm("local[*]"));
    assertTrue(RunDefaults.inThisJvm("local[2,3]"));
    assertFalse(RunDefaults.inThisJvm("local-cluster[2,1,1024]"));
    assertFalse(RunDefaults.inThisJvm("spark://127.0.0.1:7077"));
    assertFalse(RunDefaults.inThisJvm("yarn"));
    assertFalse(RunDefaults.inThisJvm(null));
  }
}
