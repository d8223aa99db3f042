package io.sluice.kv;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.errors.InvalidInputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Loads Parquet or CSV input into a key-value table with batch writes: 25 items per call, a bounded
 * number of calls in flight, unprocessed items and throttled calls retried with exponential backoff
 * and jitter. Puts are idempotent (the same item under the same key), so a retried batch can never
 * duplicate a row, and rows that repeat a key are written in input order: a row whose key is still
 * in flight waits for it, so the last row wins as it would with one put after another.
 *
 * <p>Rows that cannot be stored (unconvertible, key missing, over 400 KB, refused by the server) go
 * to the quarantine file with their row number, key and reason. The result reconciles: {@code read
 * = written + rejected + failed}.
 */
public final class DynamoDbLoader {

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLoader.class);

  private final KeyValueStore store;
  private final DynamoDbConfig pacing;
  private final Configuration hadoopConf;

  /**
   * {@code pacing} supplies batches in flight, attempts and backoff; {@code hadoopConf} reaches the
   * input.
   */
  public DynamoDbLoader(KeyValueStore store, DynamoDbConfig pacing, Configuration hadoopConf) {
    this.store = store;
    this.pacing = pacing;
    this.hadoopConf = hadoopConf;
  }

  public KvLoadResult load(KvLoadRequest request) {
    long start = System.nanoTime();
    try (ItemSource source = ItemSource.open(request.input(), hadoopConf)) {
      KeySchema key = keySchema(source, request);
      store.createTableIfMissing(request.table(), key);
      try (Run run = new Run(request, key, source.bytes())) {
        return run.load(source, start);
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot read input " + request.input() + ": " + e.getMessage(), e);
    }
  }

  private static KeySchema keySchema(ItemSource source, KvLoadRequest request) {
    KeyAttribute partition = keyColumn(source, request.partitionKey());
    KeyAttribute sort = request.sortKey() == null ? null : keyColumn(source, request.sortKey());
    try {
      return new KeySchema(partition, sort);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
  }

  /** A key column by name, typed by the input, or as {@code name:S|N|B} when the user says so. */
  private static KeyAttribute keyColumn(ItemSource source, String spec) {
    List<String> columns = source.columns();
    String name = spec;
    KeyType explicit = null;
    int colon = spec.lastIndexOf(':');
    if (!columns.contains(spec) && colon > 0) {
      name = spec.substring(0, colon);
      try {
        explicit = KeyType.parse(spec.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("key column '" + spec + "': " + e.getMessage());
      }
    }
    if (!columns.contains(name)) {
      throw new InvalidInputException(
          "key column '"
              + name
              + "' is not in "
              + source.describe()
              + "; its columns are: "
              + String.join(", ", columns));
    }
    KeyType natural = source.keyType(name);
    if (explicit != null && explicit != natural && natural != KeyType.S) {
      throw new InvalidInputException(
          "key column '"
              + name
              + "' holds "
              + natural
              + " values in "
              + source.describe()
              + ", not "
              + explicit);
    }
    return new KeyAttribute(name, explicit != null ? explicit : natural);
  }

  /** One item waiting to be written, with what a quarantine line needs. */
  private record Pending(
      long row, String location, String keyText, Map<String, AttributeValue> item) {}

  /** The state of one load: counters, the batches in flight, the quarantine file. */
  private final class Run implements AutoCloseable {
    private final KvLoadRequest request;
    private final KeySchema key;
    private final long inputBytes;
    private final Backoff backoff = Backoff.of(pacing);
    private final int inFlight = pacing.batchesInFlight();
    private final Semaphore permits = new Semaphore(inFlight);
    private final Set<String> inFlightKeys = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private BufferedWriter quarantine;
    private long read;
    private long itemBytes;

    Run(KvLoadRequest request, KeySchema key, long inputBytes) {
      this.request = request;
      this.key = key;
      this.inputBytes = inputBytes;
      AtomicInteger threads = new AtomicInteger();
      this.pool =
          Executors.newFixedThreadPool(
              inFlight,
              r -> {
                Thread t = new Thread(r, "sluice-kv-load-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }

    KvLoadResult load(ItemSource source, long start) throws IOException {
      List<Pending> buffer = new ArrayList<>(KeyValueStore.MAX_BATCH_ITEMS);
      Set<String> bufferKeys = new HashSet<>();
      long nextProgress = System.nanoTime() + request.progressEvery().toNanos();
      SourceRow row;
      while (fatal.get() == null && (row = source.next()) != null) {
        read++;
        if (row.isBad()) {
          reject(row.number(), row.location(), null, row.error(), null);
          continue;
        }
        Map<String, AttributeValue> item = row.item();
        String keyText;
        try {
          coerceKeys(item);
          keyText = keyText(key.keyOf(item));
        } catch (InvalidItemException e) {
          reject(row.number(), row.location(), null, e.getMessage(), item);
          continue;
        }
        long size = ItemSize.of(item);
        if (size > KeyValueStore.MAX_ITEM_BYTES) {
          reject(
              row.number(),
              row.location(),
              keyText,
              "item is "
                  + size
                  + " bytes, over DynamoDB's 400 KB limit ("
                  + KeyValueStore.MAX_ITEM_BYTES
                  + " bytes)",
              item);
          continue;
        }
        itemBytes += size;
        if (bufferKeys.contains(keyText) || inFlightKeys.contains(keyText)) {
          // The same key again: let the earlier write land first, so the later row wins.
          submit(buffer, bufferKeys);
          awaitAll();
        }
        buffer.add(new Pending(row.number(), row.location(), keyText, item));
        bufferKeys.add(keyText);
        if (buffer.size() == KeyValueStore.MAX_BATCH_ITEMS) {
          submit(buffer, bufferKeys);
        }
        if (System.nanoTime() > nextProgress) {
          progress(start);
          nextProgress = System.nanoTime() + request.progressEvery().toNanos();
        }
      }
      if (fatal.get() == null) {
        submit(buffer, bufferKeys);
      } else {
        for (Pending p : buffer) {
          fail(p, "not attempted: the load stopped on an earlier error");
        }
      }
      awaitAll();
      KvLoadResult result =
          new KvLoadResult(
              request.table(),
              read,
              written.get(),
              rejected.get(),
              failed.get(),
              retries.get(),
              inputBytes,
              itemBytes,
              Duration.ofNanos(System.nanoTime() - start),
              quarantine == null ? null : request.quarantine());
      if (fatal.get() != null) {
        LOG.error("{}", result.summary());
        throw fatal.get();
      }
      if (!result.reconciles()) {
        throw new IllegalStateException(
            "load kv " + request.table() + " does not reconcile: " + result.summary());
      }
      return result;
    }

    private void progress(long start) {
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.info(
          "load kv {}: read {} written {} rejected {} retries {} ({} items/s)",
          request.table(),
          read,
          written.get(),
          rejected.get(),
          retries.get(),
          Math.round(written.get() / Math.max(seconds, 0.001)));
    }

    /**
     * CSV keys arrive as strings: a number or binary key column is converted (or the row rejected).
     */
    private void coerceKeys(Map<String, AttributeValue> item) {
      coerce(item, key.partitionKey());
      key.sort().ifPresent(s -> coerce(item, s));
    }

    private void coerce(Map<String, AttributeValue> item, KeyAttribute attribute) {
      AttributeValue v = item.get(attribute.name());
      if (v == null || v.s() == null || attribute.type() == KeyType.S) {
        return;
      }
      if (attribute.type() == KeyType.N) {
        try {
          item.put(
              attribute.name(),
              AttributeValue.fromN(new BigDecimal(v.s().strip()).toPlainString()));
        } catch (NumberFormatException e) {
          throw new InvalidItemException(
              "key column '" + attribute.name() + "' is a number, got '" + v.s() + "'");
        }
      } else {
        try {
          item.put(
              attribute.name(),
              AttributeValue.fromB(
                  SdkBytes.fromByteArray(Base64.getDecoder().decode(v.s().strip()))));
        } catch (IllegalArgumentException e) {
          throw new InvalidItemException(
              "key column '" + attribute.name() + "' is binary (base64), got '" + v.s() + "'");
        }
      }
    }

    private void submit(List<Pending> buffer, Set<String> bufferKeys) {
      if (buffer.isEmpty()) {
        return;
      }
      List<Pending> batch = List.copyOf(buffer);
      Set<String> keys = Set.copyOf(bufferKeys);
      buffer.clear();
      bufferKeys.clear();
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeyValueStoreException("load kv " + request.table() + " interrupted", e);
      }
      inFlightKeys.addAll(keys);
      pool.execute(
          () -> {
            try {
              write(batch);
            } catch (RuntimeException e) {
              fatal.compareAndSet(null, e);
              for (Pending p : batch) {
                fail(p, "batch failed: " + e.getMessage());
              }
            } finally {
              inFlightKeys.removeAll(keys);
              permits.release();
            }
          });
    }

    private void awaitAll() {
      try {
        permits.acquire(inFlight);
        permits.release(inFlight);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeyValueStoreException("load kv " + request.table() + " interrupted", e);
      }
    }

    /** One batch, retried until every item is written, refused for good, or out of attempts. */
    private void write(List<Pending> batch) {
      Map<String, Pending> byKey = new HashMap<>();
      for (Pending p : batch) {
        byKey.put(p.keyText(), p);
      }
      List<Pending> pending = batch;
      String lastRefusal = "unprocessed items";
      for (int attempt = 1; ; attempt++) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(pending.size());
        for (Pending p : pending) {
          items.add(p.item());
        }
        List<Pending> left = new ArrayList<>();
        try {
          for (Map<String, AttributeValue> unprocessed : store.putBatch(request.table(), items)) {
            String k = keyText(key.keyOf(unprocessed));
            Pending p = byKey.get(k);
            left.add(p != null ? p : new Pending(-1, "unprocessed item", k, unprocessed));
          }
        } catch (ThrottledException e) {
          left = pending;
          lastRefusal = e.getMessage();
        } catch (InvalidItemException e) {
          // The server refused the batch as a whole (one item too large by its count, a bad value):
          // write the items one by one so only the offending ones are rejected.
          LOG.debug(
              "batch of {} refused ({}); writing its items one by one",
              pending.size(),
              e.getMessage());
          writeOneByOne(pending);
          return;
        }
        written.addAndGet(pending.size() - left.size());
        if (left.isEmpty()) {
          return;
        }
        if (attempt >= pacing.maxAttempts()) {
          for (Pending p : left) {
            fail(p, "not written after " + attempt + " attempts: " + lastRefusal);
          }
          return;
        }
        retries.incrementAndGet();
        pending = left;
        backoff.pause(attempt);
      }
    }

    private void writeOneByOne(List<Pending> pending) {
      for (Pending p : pending) {
        try {
          store.put(request.table(), p.item());
          written.incrementAndGet();
        } catch (InvalidItemException e) {
          reject(p.row(), p.location(), p.keyText(), e.getMessage(), p.item());
        } catch (ThrottledException e) {
          fail(p, e.getMessage());
        }
      }
    }

    private void reject(
        long row,
        String location,
        String keyText,
        String reason,
        Map<String, AttributeValue> item) {
      rejected.incrementAndGet();
      LOG.warn(
          "rejected {} (row {}{}): {}",
          location,
          row,
          keyText == null ? "" : ", key " + keyText,
          reason);
      writeQuarantine(row, location, keyText, "rejected", reason, item);
    }

    private void fail(Pending p, String reason) {
      failed.incrementAndGet();
      writeQuarantine(p.row(), p.location(), p.keyText(), "failed", reason, p.item());
    }

    private synchronized void writeQuarantine(
        long row,
        String location,
        String keyText,
        String status,
        String reason,
        Map<String, AttributeValue> item) {
      try {
        if (quarantine == null) {
          Path file = request.quarantine();
          if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
          }
          quarantine = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        String line =
            Json.object(
                json -> {
                  json.writeNumberField("row", row);
                  json.writeStringField("location", location);
                  json.writeStringField("status", status);
                  if (keyText != null) {
                    json.writeStringField("key", keyText);
                  }
                  json.writeStringField("reason", reason == null ? "" : reason);
                  if (item != null) {
                    json.writeFieldName("item");
                    writeItem(json, item);
                  }
                });
        quarantine.write(line + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write the quarantine file " + request.quarantine() + ": " + e.getMessage(), e);
      }
    }

    /**
     * The item as plain JSON; as a string of its attribute values when the SDK cannot convert it.
     */
    private static void writeItem(JsonGenerator json, Map<String, AttributeValue> item)
        throws IOException {
      String converted;
      try {
        converted = Json.toJson(item);
      } catch (RuntimeException e) {
        json.writeString(item.toString());
        return;
      }
      json.writeRawValue(converted);
    }

    @Override
    public void close() {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        if (quarantine != null) {
          try {
            quarantine.close();
          } catch (IOException e) {
            LOG.warn("closing the quarantine file {}: {}", request.quarantine(), e.getMessage());
          }
        }
      }
    }
  }

  /** 1, 1.0 and 1E0 are one DynamoDB number, so one key. */
  private static String canonical(String number) {
    try {
      BigDecimal d = new BigDecimal(number);
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return number;
    }
  }

  /**
   * A key as text, for the in-flight set and messages: binaries in base64 so equal keys give equal
   * text.
   */
  static String keyText(Map<String, AttributeValue> key) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, AttributeValue> e : key.entrySet()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      AttributeValue v = e.getValue();
      s.append(e.getKey())
          .append('=')
          .append(
              v.s() != null
                  ? v.s()
                  : v.n() != null
                      ? canonical(v.n())
                      : v.b() != null
                          ? "b64:" + Base64.getEncoder().encodeToString(v.b().asByteArray())
                          : v.toString());
    }
    return s.toString();
  }
}
