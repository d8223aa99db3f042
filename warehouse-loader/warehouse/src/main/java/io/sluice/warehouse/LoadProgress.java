package io.sluice.warehouse;

/** Told the running totals of a load every so often (from the loading thread). */
@FunctionalInterface
public interface LoadProgress {
  LoadProgress NONE = (rows, bytes) -> {};

  void update(long rowsRead, long bytesRead);
}
