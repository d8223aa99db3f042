package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.ListeningSockets;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything that listens binds loopback unless told otherwise (issue 17 point 5), checked with the
 * sockets the kernel reports for the process and its children ({@link ListeningSockets}), not with
 * what the program says it did: {@code sluice services up} (the embedded S3 endpoint, and dynalite
 * for the DynamoDB API in a node child process) by default and with {@code --bind}. (SecretsIT
 * checks the sockets of a Spark run the same way.)
 */
class ListenAddressesIT {

  @TempDir Path dir;

  @Test
  void servicesUpListensOnLoopbackOnly() throws Exception {
    try (ServicesUpProcess up =
        servicesUp("--dynamodb-port", "0", "--dynamodb-data", dir.resolve("dynamodb").toString())) {
      List<ListeningSockets.Listener> listeners = ListeningSockets.of(up.process().toHandle());
      int s3Port = URI.create(up.exports().get("AWS_ENDPOINT_URL_S3")).getPort();
      int dynamoDbPort = URI.create(up.exports().get("AWS_ENDPOINT_URL_DYNAMODB")).getPort();
      assertTrue(listeners.stream().anyMatch(l -> l.port() == s3Port), "S3 not seen: " + listeners);
      assertTrue(
          listeners.stream()
              .anyMatch(l -> l.port() == dynamoDbPort && l.pid() != up.process().pid()),
          "dynalite's node process not seen: " + listeners);
      assertAllLoopback(listeners);
    }
  }

  @Test
  void servicesUpListensOnTheBindAddress() throws Exception {
    // 127.0.0.2 is this machine's (all of 127/8 is loopback on Linux) and not the default.
    try (ServicesUpProcess up = servicesUp("--bind", "127.0.0.2")) {
      List<ListeningSockets.Listener> listeners = ListeningSockets.of(up.process().toHandle());
      int s3Port = URI.create(up.exports().get("AWS_ENDPOINT_URL_S3")).getPort();
      List<String> s3 =
          listeners.stream()
              .filter(l -> l.port() == s3Port)
              .map(l -> l.address().getHostAddress())
              .toList();
      assertEquals(List.of("127.0.0.2"), s3, listeners.toString());
      assertAllLoopback(listeners);
    }
  }

  /** {@code sluice services up} on a free S3 port with its data here, and {@code more}. */
  private ServicesUpProcess servicesUp(String... more) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--s3-port", "0", "--data", dir.resolve("s3").toString()));
    args.addAll(List.of(more));
    return ServicesUpProcess.start(dir, "# AWS CLI:", args.toArray(String[]::new));
  }

  /** No socket on a wildcard or an outside address. */
  static void assertAllLoopback(List<ListeningSockets.Listener> listeners) {
    assertEquals(
        List.of(),
        ListeningSockets.beyondLoopback(listeners),
        "listening beyond loopback (all: " + listeners + ")");
  }
}
