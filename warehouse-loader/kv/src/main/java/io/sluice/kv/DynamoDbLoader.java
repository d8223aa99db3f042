package io.sluice.kv;

import io.sluice.concurrent.DaemonThreads;
import io.sluice.errors.InvalidInputException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>Here: reading rows into batches and keeping batches in flight. {@link KeyColumns} resolves the
 * table key, {@link ItemKeys} coerces and renders keys, {@link BatchWriter} writes and retries one
 * batch, {@link LoadOutcomes} counts and quarantines ({@link QuarantineFile}).
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
      KeySchema key = KeyColumns.keySchema(source, request);
      store.createTableIfMissing(request.table(), key);
      try (Run run = new Run(request, key, source.bytes())) {
        return run.load(source, start);
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot read input " + request.input() + ": " + e.getMessage(), e);
    }
  }

  /** The state of one load: what was read, the batches in flight, the first fatal error. */
  private final class Run implements AutoCloseable {
    private final KvLoadRequest request;
    private final KeySchema key;
    private final long inputBytes;
    private final int inFlight = pacing.batchesInFlight();
    private final Semaphore permits = new Semaphore(inFlight);
    private final Set<String> inFlightKeys = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private final LoadOutcomes outcomes;
    private final BatchWriter writer;
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private long read;
    private long itemBytes;

    Run(KvLoadRequest request, KeySchema key, long inputBytes) {
      this.request = request;
      this.key = key;
      this.inputBytes = inputBytes;
      this.outcomes = new LoadOutcomes(new QuarantineFile(request.quarantine()));
      this.writer = new BatchWriter(store, request.table(), key, pacing, outcomes);
      this.pool = Executors.newFixedThreadPool(inFlight, DaemonThreads.numbered("sluice-kv-load-"));
    }

    KvLoadResult load(ItemSource source, long start) throws IOException {
      List<PendingItem> buffer = new ArrayList<>(KeyValueStore.MAX_BATCH_ITEMS);
      Set<String> bufferKeys = new HashSet<>();
      long nextProgress = System.nanoTime() + request.progressEvery().toNanos();
      SourceRow row;
      while (fatal.get() == null && (row = source.next()) != null) {
        read++;
        if (row.isBad()) {
          outcomes.reject(row.number(), row.location(), null, row.error(), null);
          continue;
        }
        Map<String, AttributeValue> item = row.item();
        String keyText;
        try {
          ItemKeys.coerce(item, key);
          keyText = ItemKeys.keyText(key.keyOf(item));
        } catch (InvalidItemException e) {
          outcomes.reject(row.number(), row.location(), null, e.getMessage(), item);
          continue;
        }
        long size = ItemSize.of(item);
        if (size > KeyValueStore.MAX_ITEM_BYTES) {
          outcomes.reject(
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
        buffer.add(new PendingItem(row.number(), row.location(), keyText, item));
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
        for (PendingItem p : buffer) {
          outcomes.fail(p, "not attempted: the load stopped on an earlier error");
        }
      }
      awaitAll();
      KvLoadResult result =
          new KvLoadResult(
              request.table(),
              read,
              outcomes.written(),
              outcomes.rejected(),
              outcomes.failed(),
              outcomes.retries(),
              inputBytes,
              itemBytes,
              Duration.ofNanos(System.nanoTime() - start),
              outcomes.quarantined());
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
          outcomes.written(),
          outcomes.rejected(),
          outcomes.retries(),
          Math.round(outcomes.written() / Math.max(seconds, 0.001)));
    }

    private void submit(List<PendingItem> buffer, Set<String> bufferKeys) {
      if (buffer.isEmpty()) {
        return;
      }
      List<PendingItem> batch = List.copyOf(buffer);
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
              writer.write(batch);
            } catch (RuntimeException e) {
              fatal.compareAndSet(null, e);
              for (PendingItem p : batch) {
                outcomes.fail(p, "batch failed: " + e.getMessage());
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

    @Override
    public void close() {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      outcomes.close();
    }
  }
}
