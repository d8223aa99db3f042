package io.sluice.runner.kv;

import io.sluice.kv.KeyValueStore;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.ReportsUnderItsName;
import picocli.CommandLine.Mixin;

/**
 * What every {@code sluice kv} command shares: the endpoint option and the store's (and an embedded
 * server's) lifetime. Failures are reported under the command's name by the CLI's one error
 * handler.
 */
abstract class KvSubcommand extends OutputCommand implements ReportsUnderItsName {

  @Mixin KvOptions kv;

  abstract int run(KeyValueStore store) throws Exception;

  /** Batch calls in flight, for commands that load; null keeps the default. */
  Integer batchesInFlight() {
    return null;
  }

  @Override
  public final Integer call() throws Exception {
    try (KvEndpoint endpoint =
        KvEndpoint.resolve(kv.endpoint(), kv.chain(), System.getenv(), batchesInFlight(), err())) {
      return run(endpoint.store());
    } finally {
      out().flush();
      err().flush();
    }
  }
}
