package io.sluice.storage.s3;

/**
 * Progress of one upload, download or copy. Called from the transfer's worker threads, possibly
 * concurrently and, across threads, not strictly in order: implementations must be thread-safe and
 * should keep the largest value seen. A part that is retried counts its bytes again from zero, so
 * {@code transferred} can step back.
 */
@FunctionalInterface
public interface TransferListener {

  /** Does nothing. */
  TransferListener NONE = (transferred, total) -> {};

  /**
   * @param transferred bytes sent or received so far
   * @param total the size of the whole transfer
   */
  void onProgress(long transferred, long total);
}
