package io.sluice.runner.serve;

import io.sluice.kv.KeyValueStore;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.kv.KvEndpoint;
import io.sluice.serve.ApiFile;
import io.sluice.serve.ApiRoute;
import io.sluice.serve.Gateway;
import io.sluice.serve.StopSignals;
import io.sluice.storage.AwsChain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice serve API_FILE}: the API gateway in the foreground until SIGTERM or Ctrl-C, which
 * stop it accepting, let requests in flight finish and exit 0. kv-get routes read the DynamoDB
 * endpoint of AWS_ENDPOINT_URL_DYNAMODB (else AWS; else the embedded server, as {@code sluice kv}
 * does).
 */
@Command(
    name = "serve",
    description = {
      "Serve an API file's routes over HTTP: kv-get, sql, predict and function routes behind API "
          + "keys, throttling, timeouts, access logs, /metrics, /health and /openapi.json.",
      "Prints 'serving http://ADDR:PORT' when ready; SIGTERM or Ctrl-C stops it cleanly."
    },
    subcommands = {ServeExportCommand.class})
public final class ServeCommand extends OutputCommand {

  // Optional to picocli, so that `serve export ...` parses as the subcommand; required in call().
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "API_FILE",
      description = "the YAML API file")
  Path apiFile;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8080",
      description = "port to listen on; 0 takes a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = Gateway.DEFAULT_BIND,
      description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
  String bind;

  @Option(
      names = "--jar",
      paramLabel = "J",
      description = "a jar with the function routes' handler classes (repeatable)")
  List<Path> jars = new ArrayList<>();

  /** Where the environment comes from; tests hand in their own. */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() throws Exception {
    if (apiFile == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required parameter: 'API_FILE'");
    }
    if (port < 0 || port > 65535) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--port must be 0..65535, got " + port);
    }
    ApiFile api = ApiFile.load(apiFile);
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      StopSignals stop = StopSignals.install();
      Gateway.Builder builder = Gateway.builder(api).bind(bind).port(port);
      if (api.routes().stream().anyMatch(r -> r.target() instanceof ApiRoute.KvGet)) {
        builder.keyValueStore(
            () -> {
              KvEndpoint kv =
                  KvEndpoint.resolve(null, AwsChain.of(null, null), environment, null, err());
              resources.add(kv);
              KeyValueStore store = kv.store();
              return store;
            });
      }
      try (Gateway gateway = builder.start()) {
        out().println("serving " + gateway.uri());
        out().flush();
        stop.await();
        err().println("serve: stopping (finishing requests in flight)");
        err().flush();
      }
      return ExitCode.OK;
    } finally {
      for (AutoCloseable r : resources) {
        r.close();
      }
    }
  }
}
