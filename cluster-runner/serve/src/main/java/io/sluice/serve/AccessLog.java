package io.sluice.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request, through SLF4J (stderr): time, request id, route, method, path, status,
 * latency, key id (a short hash; never the key) and client address.
 */
final class AccessLog {

  static final String LOGGER = "io.sluice.serve.access";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final ObjectMapper JSON = new ObjectMapper();

  private AccessLog() {}

  /** One request's fields; {@code keyId} is null without API keys. */
  record Entry(
      Instant time,
      String requestId,
      String route,
      String method,
      String path,
      int status,
      double latencyMillis,
      String keyId,
      String client) {}

  static String line(Entry e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("time", e.time().toString());
    o.put("request_id", e.requestId());
    o.put("route", e.route());
    o.put("method", e.method());
    o.put("path", e.path());
    o.put("status", e.status());
    o.put("latency_ms", Math.round(e.latencyMillis() * 1000) / 1000.0);
    if (e.keyId() == null) {
      o.putNull("key_id");
    } else {
      o.put("key_id", e.keyId());
    }
    o.put("client", e.client());
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("an ObjectNode always serializes", ex);
    }
  }

  static void write(Entry e) {
    if (LOG.isInfoEnabled()) {
      LOG.info(line(e));
    }
  }
}
