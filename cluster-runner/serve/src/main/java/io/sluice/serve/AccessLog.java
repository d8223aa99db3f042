package io.sluice.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request, through SLF4J (stderr): time, request id, route, method, path, status,
 * latency, key id (a short hash; never the key) and client address.
 *
 * <p>Lines are written by one thread of their own, in the order the requests finished: the log's
 * appender writes under a lock, and a request thread that waited there behind another one taken off
 * the CPU lost tens of milliseconds (JFR, docs/BENCHMARKS.md). The queue is bounded and a full one
 * makes the request wait, so no line is dropped; {@link #close()} writes what is queued.
 *
 * <p>The writer takes lines in batches, at most every {@link #LINGER_MILLIS}: woken for every line,
 * it was one more thread to schedule per request, on the cores the requests need (a request that
 * finds it asleep signals nobody). Lines reach the log up to that much later, in the same order.
 */
final class AccessLog implements AutoCloseable {

  static final String LOGGER = "io.sluice.serve.access";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final JsonFactory JSON = new JsonFactory();

  /** How long the writer lets lines gather after the first one before writing them. */
  static final long LINGER_MILLIS = 20;

  /** Lines waiting for the writer: seconds of requests even at thousands a second. */
  private static final int QUEUED = 16_384;

  /** Tells the writer to stop once everything before it is written. */
  private static final Entry END = new Entry(Instant.EPOCH, "", "", "", "", 0, 0, null, null);

  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUED);
  private final Thread writer;
  private volatile boolean closed;

  private AccessLog() {
    writer = new Thread(this::writeQueued, "sluice-serve-access-log");
    writer.setDaemon(true);
  }

  /** Starts the writer thread. */
  static AccessLog start() {
    AccessLog log = new AccessLog();
    log.writer.start();
    return log;
  }

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
    // Written field by field: no tree of nodes per request (same bytes as the tree would give).
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", e.time().toString());
      g.writeStringField("request_id", e.requestId());
      g.writeStringField("route", e.route());
      g.writeStringField("method", e.method());
      g.writeStringField("path", e.path());
      g.writeNumberField("status", e.status());
      g.writeNumberField("latency_ms", Math.round(e.latencyMillis() * 1000) / 1000.0);
      g.writeStringField("key_id", e.keyId());
      g.writeStringField("client", e.client());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException("writing to a string", ex);
    }
    return out.toString();
  }

  /** Queues the line of one request; waits while the queue is full. */
  void write(Entry e) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    if (closed) {
      LOG.info(line(e)); // a request answered while the gateway stopped: written at once
      return;
    }
    try {
      queue.put(e);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      LOG.info(line(e));
    }
  }

  private void writeQueued() {
    List<Entry> batch = new ArrayList<>();
    try {
      while (true) {
        batch.add(queue.take());
        Thread.sleep(LINGER_MILLIS);
        queue.drainTo(batch);
        for (Entry e : batch) {
          if (e == END) {
            return;
          }
          try {
            LOG.info(line(e));
          } catch (RuntimeException failed) {
            // The writer must outlive a line it could not write, or the queue would fill and
            // every request wait on it.
            LOG.warn("cannot write an access-log line: {}", failed.toString());
          }
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes the lines queued so far (waiting at most a few seconds), then stops the writer. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (queue.offer(END, 5, TimeUnit.SECONDS)) {
        writer.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.interrupt();
    // Lines the writer did not get to (it was slow, or a request finished while stopping).
    for (Entry e = queue.poll(); e != null; e = queue.poll()) {
      if (e != END) {
        LOG.info(line(e));
      }
    }
  }
}
