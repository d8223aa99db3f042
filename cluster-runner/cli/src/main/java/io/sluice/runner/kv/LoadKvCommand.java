package io.sluice.runner.kv;

import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.DynamoDbLoader;
import io.sluice.kv.KeyValueStore;
import io.sluice.kv.KvLoadRequest;
import io.sluice.kv.KvLoadResult;
import io.sluice.runner.ExitCode;
import io.sluice.runner.HadoopOptions;
import io.sluice.runner.HadoopSiteConfiguration;
import io.sluice.runner.StorageOptions;
import io.sluice.storage.StorageUri;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice load kv --input URI --table NAME --key COL [--sort-key COL]}: Parquet or CSV (with
 * a header) into a DynamoDB table, created if missing, with batch writes. Prints one summary line;
 * rejected rows go to the quarantine file with their row number, key and reason.
 */
@Command(
    name = "kv",
    description = {
      "Load Parquet or CSV (header row) into a DynamoDB table, creating it if missing.",
      "Writes 25 items per BatchWriteItem call with several calls in flight; unprocessed items and throttled "
          + "calls are retried with exponential backoff and jitter. Rows that cannot be stored (no key, over "
          + "400 KB, unconvertible) go to the quarantine file; read = written + rejected."
    })
public final class LoadKvCommand extends KvSubcommand {

  static final String QUARANTINE_DIR = ".sluice/quarantine";

  @Option(
      names = "--input",
      required = true,
      paramLabel = "URI",
      description =
          "A Parquet or CSV file, or a directory of them: a path, file://, hdfs:// or s3://")
  String input;

  @Option(
      names = "--table",
      required = true,
      paramLabel = "NAME",
      description = "The table (created if missing)")
  String table;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "COL[:S|N|B]",
      description =
          "Partition key column; its type comes from the input (Parquet) unless given (CSV values are strings)")
  String key;

  @Option(names = "--sort-key", paramLabel = "COL[:S|N|B]", description = "Sort key column")
  String sortKey;

  @Option(
      names = "--quarantine",
      paramLabel = "FILE",
      description =
          "Where rejected rows go, as JSON lines (default: "
              + QUARANTINE_DIR
              + "/kv-TABLE-TIME.jsonl)")
  Path quarantine;

  @Option(
      names = "--batches-in-flight",
      paramLabel = "N",
      description = "BatchWriteItem calls in flight (default: 8)")
  Integer inFlight;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "S3 endpoint for s3:// input (default: AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, else AWS)")
  String s3Endpoint;

  @Mixin HadoopOptions hadoop;

  @Override
  Integer batchesInFlight() {
    return inFlight;
  }

  @Override
  int run(KeyValueStore store) {
    HadoopSiteConfiguration site = hadoop.site(spec);
    String location = site.location(input);
    Path quarantineFile =
        quarantine != null
            ? quarantine
            : Path.of(
                QUARANTINE_DIR,
                "kv-"
                    + table
                    + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + ".jsonl");
    KvLoadRequest request =
        new KvLoadRequest(location, table, key, sortKey, quarantineFile, Duration.ofSeconds(5));
    boolean s3 = StorageUri.parse(location).scheme() == StorageUri.Scheme.S3;
    try (StorageOptions storage =
        StorageOptions.resolve(s3Endpoint, kv.chain(), System.getenv(), s3, err())) {
      Configuration conf = storage.config().applyTo(site.configuration());
      DynamoDbConfig pacing = ((DynamoDbKeyValueStore) store).config();
      KvLoadResult result = new DynamoDbLoader(store, pacing, conf).load(request);
      if (json()) {
        print(JsonKvLoadResult.of(result));
      } else {
        out().println(result.summary());
      }
      return result.succeeded() ? ExitCode.OK : ExitCode.JOB_FAILED;
    }
  }
}
