package io.sluice.storage.s3;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bytes moved by one transfer, summed over its parts and handed to a {@link TransferListener}. */
final class Progress {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  private final TransferListener listener;
  private final long total;
  private final AtomicLong done = new AtomicLong();

  Progress(TransferListener listener, long total) {
    this.listener = listener == null ? TransferListener.NONE : listener;
    this.total = total;
  }

  /** Adds (or, when a part is retried, takes back) bytes. */
  void add(long bytes) {
    if (bytes == 0) {
      return;
    }
    long now = done.addAndGet(bytes);
    try {
      listener.onProgress(now, total);
    } catch (RuntimeException e) {
      // A broken progress display must not fail the transfer it displays.
      LOG.debug("transfer listener failed", e);
    }
  }

  long done() {
    return done.get();
  }
}
