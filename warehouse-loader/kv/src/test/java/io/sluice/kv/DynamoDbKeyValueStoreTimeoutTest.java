package io.sluice.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A read with a timeout against an endpoint that accepts connections and never answers (a server
 * stalled mid-request): it gives up at its timeout, on the caller's thread, and leaves the thread
 * usable (not interrupted).
 */
class DynamoDbKeyValueStoreTimeoutTest {

  @Test
  void aGetThatOutlivesItsTimeoutThrowsKeyValueTimeoutException() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // read nothing, answer nothing
                  }
                } catch (java.io.IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      DynamoDbConfig config =
          DynamoDbConfig.builder()
              .build()
              .withLocalEndpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort()));
      try (DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(config)) {
        KeyValueTimeoutException e =
            assertThrows(
                KeyValueTimeoutException.class,
                () ->
                    store.get(
                        "items", Map.of("id", AttributeValue.fromS("k1")), Duration.ofMillis(300)));
        assertEquals("reading table 'items' took longer than PT0.3S", e.getMessage());
        // The SDK's attempt timeout, set to what was left of the 300 ms (not the client's 30 s
        // one, which would end the call too, only later), and not a connection error.
        assertTrue(
            e.getCause() instanceof ApiCallAttemptTimeoutException, String.valueOf(e.getCause()));
        String configured = e.getCause().getMessage().replaceAll(".*: (\\d+) millis.*", "$1");
        assertTrue(Long.parseLong(configured) <= 300, e.getCause().getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
