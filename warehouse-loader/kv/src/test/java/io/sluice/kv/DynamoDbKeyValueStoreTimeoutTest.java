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
import org.junit.jupiter.api.Timeout;
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
    getFromASilentServer(Duration.ofMillis(300), "PT0.3S");
  }

  /**
   * A timeout due after the store timer's one-second tick is queued behind it (no wake-up of the
   * timer thread per read) and still ends the read.
   */
  @Test
  @Timeout(60)
  void aTimeoutQueuedBehindTheTimersTickStillEndsTheGet() throws Exception {
    getFromASilentServer(Duration.ofMillis(1500), "PT1.5S");
  }

  private static void getFromASilentServer(Duration timeout, String shown) throws Exception {
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
                () -> store.get("items", Map.of("id", AttributeValue.fromS("k1")), timeout));
        assertEquals("reading table 'items' took longer than " + shown, e.getMessage());
        // The SDK's attempt timeout, set to what was left of the timeout (not the client's 30 s
        // one, which would end the call too, only later), and not a connection error.
        assertTrue(
            e.getCause() instanceof ApiCallAttemptTimeoutException, String.valueOf(e.getCause()));
        String configured = e.getCause().getMessage().replaceAll(".*: (\\d+) millis.*", "$1");
        assertTrue(Long.parseLong(configured) <= timeout.toMillis(), e.getCause().getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
