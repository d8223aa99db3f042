package io.sluice.warehouse;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.copy.CopyIn;

/**
 * Buffers COPY data and hands chunks of about 1 MiB of whole rows to one sender thread per COPY
 * stream, so encoding the next rows overlaps with the server taking the previous ones, and N
 * streams share the chunks (first free sender takes the next). Only a stream's sender touches its
 * connection while rows stream; {@link #finish} ends every COPY and {@link #rows} sums what the
 * server took.
 */
final class CopyStreams {
  /** A chunk of COPY data: the first {@code length} bytes of {@code bytes}. */
  private record Chunk(byte[] bytes, int length) {}

  /** COPY data is handed to a sender in chunks of about this many bytes of whole rows. */
  static final int COPY_BUFFER_BYTES = 1 << 20;

  private static final Chunk END = new Chunk(new byte[0], 0);
  private static final long POLL_MILLIS = 100;

  /**
   * A chunk's array: a chunk is sent once it holds 1 MiB, so most rows fit in the rest without
   * growing it.
   */
  private static final int CHUNK_ARRAY_BYTES = COPY_BUFFER_BYTES + (64 << 10);

  final CopyBuffer buffer = new CopyBuffer(CHUNK_ARRAY_BYTES);
  private final List<CopyIn> copies;
  private final boolean binary;
  private final ArrayBlockingQueue<Chunk> queue;

  /**
   * Chunk arrays the senders have written, filled again by the encoder: the load reuses the same
   * few MiB of heap instead of 1 MiB of new memory per chunk (in a fresh JVM, memory touched for
   * the first time costs page faults; warm, it is garbage to collect).
   */
  private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();

  private final List<Thread> senders = new ArrayList<>();
  private final long[] copied;
  private volatile Throwable failure;
  private volatile boolean stopped;

  CopyStreams(List<CopyIn> copies, boolean binary) {
    this.copies = copies;
    this.binary = binary;
    this.copied = new long[copies.size()];
    this.queue = new ArrayBlockingQueue<>(2 * copies.size() + 2);
    for (int i = 0; i < copies.size(); i++) {
      int stream = i;
      Thread t = new Thread(() -> send(stream), "sluice-copy-sender-" + i);
      t.setDaemon(true);
      senders.add(t);
      t.start();
    }
  }

  private void send(int stream) {
    CopyIn copy = copies.get(stream);
    try {
      if (binary) {
        copy.writeToCopy(BinaryCopyRows.HEADER, 0, BinaryCopyRows.HEADER.length);
      }
      while (true) {
        Chunk chunk = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (stopped || failure != null) {
          return;
        } else if (chunk == END) {
          if (binary) {
            copy.writeToCopy(BinaryCopyRows.TRAILER, 0, BinaryCopyRows.TRAILER.length);
          }
          copied[stream] = copy.endCopy();
          return;
        } else if (chunk != null) {
          copy.writeToCopy(chunk.bytes(), 0, chunk.length());
          spare.offer(chunk.bytes());
        }
      }
    } catch (Throwable t) {
      synchronized (this) {
        if (failure == null) {
          failure = t;
        }
      }
    }
  }

  /** Whether the streams take binary COPY rows (else text). */
  boolean binary() {
    return binary;
  }

  void maybeFlush() throws SQLException {
    if (buffer.length() >= COPY_BUFFER_BYTES) {
      enqueue(takeChunk());
    }
  }

  /** The buffered rows as a chunk; the buffer continues in a spare array. */
  private Chunk takeChunk() {
    int length = buffer.length();
    byte[] next = spare.poll();
    return new Chunk(buffer.swap(next != null ? next : new byte[CHUNK_ARRAY_BYTES]), length);
  }

  private void enqueue(Chunk chunk) throws SQLException {
    try {
      while (!queue.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        check();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while streaming COPY data", e);
    }
    check();
  }

  private void check() throws SQLException {
    Throwable f = failure;
    if (f instanceof SQLException s) {
      throw s;
    } else if (f != null) {
      throw new SQLException("sending COPY data failed: " + f.getMessage(), f);
    }
  }

  /** Sends what is buffered, ends every stream's COPY and waits for all of them. */
  void finish() throws SQLException {
    if (buffer.length() > 0) {
      enqueue(takeChunk());
    }
    for (int i = 0; i < copies.size(); i++) {
      enqueue(END);
    }
    join();
    check();
  }

  /** Rows the server took, over every stream (after {@link #finish}). */
  long rows() {
    long sum = 0;
    for (long n : copied) {
      sum += n;
    }
    return sum;
  }

  /** Stops the senders (after the chunk each is writing) and cancels every COPY still open. */
  void abort(Exception cause) {
    stopped = true;
    queue.clear();
    join();
    for (CopyIn copy : copies) {
      if (copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException cancel) {
          cause.addSuppressed(cancel);
        }
      }
    }
  }

  private void join() {
    for (Thread t : senders) {
      try {
        t.join(TimeUnit.MINUTES.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
