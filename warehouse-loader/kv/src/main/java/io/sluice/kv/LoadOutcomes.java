package io.sluice.kv;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What became of a load's rows: written, rejected (cannot be stored as they are) or failed (not
 * stored though they could be), and the retries it took. Rows not stored go to the quarantine file.
 * Counted from the reading thread and the batch threads alike.
 */
final class LoadOutcomes implements AutoCloseable {

  // The loader's logger, so log lines keep the name they always had.
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLoader.class);

  private final AtomicLong written = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final QuarantineFile quarantine;

  LoadOutcomes(QuarantineFile quarantine) {
    this.quarantine = quarantine;
  }

  void written(long items) {
    written.addAndGet(items);
  }

  void retried() {
    retries.incrementAndGet();
  }

  void reject(
      long row, String location, String keyText, String reason, Map<String, AttributeValue> item) {
    rejected.incrementAndGet();
    LOG.warn(
        "rejected {} (row {}{}): {}",
        location,
        row,
        keyText == null ? "" : ", key " + keyText,
        reason);
    quarantine.write(row, location, keyText, "rejected", reason, item);
  }

  void reject(PendingItem p, String reason) {
    reject(p.row(), p.location(), p.keyText(), reason, p.item());
  }

  void fail(PendingItem p, String reason) {
    failed.incrementAndGet();
    quarantine.write(p.row(), p.location(), p.keyText(), "failed", reason, p.item());
  }

  long written() {
    return written.get();
  }

  long rejected() {
    return rejected.get();
  }

  long failed() {
    return failed.get();
  }

  long retries() {
    return retries.get();
  }

  /** The quarantine file, or null when no row went there. */
  Path quarantined() {
    return quarantine.written() ? quarantine.path() : null;
  }

  @Override
  public void close() {
    quarantine.close();
  }
}
