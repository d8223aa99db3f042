package io.sluice.runner.kv;

import io.sluice.kv.KeyValueStore;
import io.sluice.runner.ExitCode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code sluice kv} command shares: the endpoint option, the store's (and an embedded
 * server's) lifetime, and errors as one line on stderr with exit code 2 when the request cannot
 * succeed as typed (no such table, bad item, bad key) and 1 when the endpoint failed.
 */
abstract class KvSubcommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KvOptions kv;

  abstract int run(KeyValueStore store) throws Exception;

  /** Batch calls in flight, for commands that load; null keeps the default. */
  Integer batchesInFlight() {
    return null;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public final Integer call() {
    try (KvEndpoint endpoint = KvEndpoint.resolve(kv.endpoint, System.getenv(), batchesInFlight())) {
      return run(endpoint.store());
    } catch (Exception e) {
      err().println(spec.qualifiedName(" ") + ": " + oneLine(e));
      return exitCode(e);
    } finally {
      out().flush();
      err().flush();
    }
  }

  static int exitCode(Throwable e) {
    // IllegalArgumentException: the SDK's own refusal of a value typed on the command line.
    return e instanceof IllegalArgumentException ? ExitCode.BAD_INPUT : ExitCode.of(e);
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
