package io.sluice.runner.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest {

  @TempDir Path dir;

  @Test
  void roundTripsThroughTheRunDirectory() {
    ClusterConfig config = new ClusterConfig(dir, 3, 2, 1536, 7077, 8080);
    config.write(dir.resolve("cluster.conf"));
    assertEquals(config, ClusterConfig.read(dir, dir.resolve("cluster.conf")));
    assertEquals("spark://127.0.0.1:7077", config.masterUrl());
    assertEquals("http://127.0.0.1:8080", config.uiUrl());
  }

  @Test
  void rejectsImpossibleValuesNamingTheOption() {
    assertMessage(
        "--workers must be 0..64, got 65", () -> new ClusterConfig(dir, 65, 1, 1024, 7077, 8080));
    assertMessage(
        "--worker-cores must be 1..256, got 0",
        () -> new ClusterConfig(dir, 1, 0, 1024, 7077, 8080));
    assertMessage(
        "--worker-memory must be at least 512m",
        () -> new ClusterConfig(dir, 1, 1, 100, 7077, 8080));
    assertMessage(
        "--master-port must be 1..65535, got 70000",
        () -> new ClusterConfig(dir, 1, 1, 1024, 70000, 8080));
    assertMessage(
        "--master-port and --ui-port must differ",
        () -> new ClusterConfig(dir, 1, 1, 1024, 8080, 8080));
  }

  @Test
  void parsesSparkMemorySizes() {
    Map.of("512m", 512, "2g", 2048, "2GB", 2048, "700", 700)
        .forEach(
            (size, mb) ->
                assertEquals(mb, ClusterConfig.parseMemoryMb("--worker-memory", size), size));
    assertMessage(
        "--worker-memory must be a size such as 512m or 2g, got 'lots'",
        () -> ClusterConfig.parseMemoryMb("--worker-memory", "lots"));
    // Spark's rules (ByteSize): whole numbers only.
    assertMessage(
        "--worker-memory must be a size such as 512m or 2g, got '1.5G'",
        () -> ClusterConfig.parseMemoryMb("--worker-memory", "1.5G"));
  }

  @Test
  void morePhysicalMemoryThanAnyMachineHasIsRefused() {
    ClusterConfig huge = new ClusterConfig(dir, 64, 1, 1024 * 1024, 7077, 8080);
    InsufficientMemoryException e =
        assertThrows(InsufficientMemoryException.class, () -> LocalCluster.checkMemory(huge));
    assertTrue(
        e.getMessage().startsWith("--workers 64 x --worker-memory 1048576m needs "),
        e.getMessage());
    LocalCluster.checkMemory(new ClusterConfig(dir, 1, 1, 512, 7077, 8080));
  }

  @Test
  void aTakenPortIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      PortInUseException e =
          assertThrows(
              PortInUseException.class,
              () -> LocalCluster.checkPortFree("--ui-port", taken.getLocalPort()));
      assertTrue(
          e.getMessage()
              .startsWith("--ui-port " + taken.getLocalPort() + " is already in use on 127.0.0.1"),
          e.getMessage());
    }
  }

  private static void assertMessage(String start, org.junit.jupiter.api.function.Executable run) {
    ClusterInputException e = assertThrows(ClusterInputException.class, run);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
