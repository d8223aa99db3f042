package io.sluice.runner.kv;

import io.sluice.kv.KvLoadResult;
import io.sluice.runner.JsonOutput;

/** {@code load kv}'s summary line as {@code --json} prints it. */
record JsonKvLoadResult(
    String table,
    boolean succeeded,
    long read,
    long written,
    long rejected,
    long failed,
    long retries,
    long bytesIn,
    long itemBytes,
    double seconds,
    String quarantine) {

  static JsonKvLoadResult of(KvLoadResult r) {
    return new JsonKvLoadResult(
        r.table(),
        r.succeeded(),
        r.read(),
        r.written(),
        r.rejected(),
        r.failed(),
        r.retries(),
        r.inputBytes(),
        r.itemBytes(),
        JsonOutput.seconds(r.elapsed()),
        r.quarantine() == null ? null : r.quarantine().toString());
  }
}
