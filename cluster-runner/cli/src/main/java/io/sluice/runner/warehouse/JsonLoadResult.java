package io.sluice.runner.warehouse;

import io.sluice.runner.JsonOutput;
import io.sluice.warehouse.LoadResult;

/** {@code load warehouse}'s summary line as {@code --json} prints it. */
record JsonLoadResult(
    String target,
    String table,
    String mode,
    String loadId,
    boolean skipped,
    long read,
    long loaded,
    long rejected,
    long bytesIn,
    double seconds,
    String quarantine) {

  static JsonLoadResult of(LoadResult r) {
    return new JsonLoadResult(
        r.target(),
        r.table().toString(),
        r.mode().label(),
        r.loadId(),
        r.skipped(),
        r.rowsRead(),
        r.rowsLoaded(),
        r.rowsRejected(),
        r.bytesRead(),
        JsonOutput.seconds(r.elapsed()),
        r.rowsRejected() > 0 && r.quarantine() != null ? r.quarantine().toString() : null);
  }
}
