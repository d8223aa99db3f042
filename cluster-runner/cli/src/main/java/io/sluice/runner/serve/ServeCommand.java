package io.sluice.runner.serve;

import io.sluice.functions.FunctionJars;
import io.sluice.jobs.EngineContext;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.ml.ModelRef;
import io.sluice.ml.ModelRegistry;
import io.sluice.ml.OnlinePredictor;
import io.sluice.runner.ExitCode;
import io.sluice.runner.HadoopSiteConfiguration;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.RunDefaults;
import io.sluice.runner.S3EndpointOptions;
import io.sluice.runner.StorageOptions;
import io.sluice.runner.demo.DemoServing;
import io.sluice.runner.kv.KvEndpoint;
import io.sluice.serve.ApiFile;
import io.sluice.serve.ApiRoute;
import io.sluice.serve.Gateway;
import io.sluice.serve.StopSignals;
import io.sluice.storage.AwsChain;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageUri;
import io.sluice.storage.s3.EmbeddedS3;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice serve API_FILE}: the API gateway in the foreground until SIGTERM or Ctrl-C, which
 * stop it accepting, let requests in flight finish and exit 0. kv-get routes read the DynamoDB
 * endpoint of AWS_ENDPOINT_URL_DYNAMODB (else AWS; else the embedded server, as {@code sluice kv}
 * does); predict routes load their model once through a local Spark session; function routes find
 * their handlers in {@code --jar}. {@code --demo} serves what {@code sluice demo} wrote.
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

  @Mixin FunctionJarOptions functionJars;

  @Option(
      names = "--demo",
      description =
          "serve the results of `sluice demo` (run from the checkout after it): "
              + DemoServing.API_FILE
              + " over the demo's S3, DynamoDB and DuckDB state in "
              + DemoServing.WORKDIR)
  boolean demo;

  @Mixin S3EndpointOptions s3;

  @Override
  public Integer call() throws Exception {
    if ((apiFile == null) == !demo) {
      throw new ParameterException(
          spec.commandLine(),
          apiFile == null
              ? "Missing required parameter: 'API_FILE' (or --demo)"
              : "give an API_FILE or --demo, not both");
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
    }
    ApiFile api = ApiFile.load(demo ? DemoServing.apiFile() : apiFile);
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      Gateway.Builder gateway = Gateway.builder(api).bind(bind).port(port);
      StorageConfig storage = null;
      if (demo) {
        EmbeddedS3 demoS3 = EmbeddedS3.start(DemoServing.s3Data(), 0);
        resources.push(demoS3);
        storage = demoS3.storageConfig();
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(DemoServing.dynamoDbData(), 0);
        resources.push(dynamo);
        DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(dynamo.config());
        resources.push(store);
        gateway.keyValueStore(() -> store);
      } else if (has(api, ApiRoute.KvGet.class)) {
        gateway.keyValueStore(
            () -> {
              KvEndpoint kv =
                  KvEndpoint.resolve(null, AwsChain.of(null, null), System.getenv(), null, err());
              resources.push(kv);
              return kv.store();
            });
      }
      if (has(api, ApiRoute.Function.class)) {
        if (functionJars.jars.isEmpty()) {
          throw new ParameterException(
              spec.commandLine(), "the API file has function routes: give their jar with --jar");
        }
        FunctionJars functions = FunctionJars.open(functionJars.jars);
        resources.push(functions);
        gateway.functionJars(functions);
      }
      if (has(api, ApiRoute.Predict.class)) {
        if (storage == null) {
          boolean usesS3 =
              api.routes().stream()
                  .filter(r -> r.target() instanceof ApiRoute.Predict)
                  .anyMatch(
                      r ->
                          StorageUri.parse(((ApiRoute.Predict) r.target()).registry()).scheme()
                              == StorageUri.Scheme.S3);
          StorageOptions options = s3.resolve(usesS3, err());
          resources.push(options);
          storage = options.config();
        }
        EngineContext engines = engines(storage);
        resources.push(engines);
        gateway.predictors(
            p ->
                OnlinePredictor.of(
                    new ModelRegistry(
                            p.registry(), engines.spark().sparkContext().hadoopConfiguration())
                        .load(ModelRef.parse(p.modelRef()))));
      }
      try (Gateway started = gateway.start();
          StopSignals stop = StopSignals.install()) {
        out().println("serving " + started.uri());
        out().flush();
        stop.await();
        err().println("serve: stopping (finishing requests in flight)");
        err().flush();
      }
      return ExitCode.OK;
    } finally {
      while (!resources.isEmpty()) {
        resources.pop().close();
      }
    }
  }

  /** Spark in this JVM, one core, only to load models (scoring does not use it). */
  private static EngineContext engines(StorageConfig storage) {
    return RunDefaults.engineContext(
            "local[1]",
            "sluice serve",
            false,
            HadoopSiteConfiguration.load(System.getenv(), Map.of()),
            storage,
            Map.of())
        .build();
  }

  private static boolean has(ApiFile api, Class<? extends ApiRoute.Target> kind) {
    return api.routes().stream().anyMatch(r -> kind.isInstance(r.target()));
  }
}
