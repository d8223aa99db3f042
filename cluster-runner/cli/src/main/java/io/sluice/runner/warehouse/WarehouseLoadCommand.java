package io.sluice.runner.warehouse;

import io.sluice.runner.ExitCode;
import io.sluice.runner.HadoopOptions;
import io.sluice.runner.HadoopSiteConfiguration;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.S3EndpointOptions;
import io.sluice.runner.StorageOptions;
import io.sluice.storage.StorageUri;
import io.sluice.warehouse.InputFormat;
import io.sluice.warehouse.LoadInput;
import io.sluice.warehouse.LoadMode;
import io.sluice.warehouse.LoadRequest;
import io.sluice.warehouse.LoadResult;
import io.sluice.warehouse.TableName;
import io.sluice.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice load warehouse}: one Parquet/CSV input into one warehouse table, atomically, with
 * progress on stderr and a one-line summary on stdout.
 */
@Command(
    name = "warehouse",
    description = {
      "Load a Parquet file or directory, or CSV with a header row, into a warehouse table.",
      "The load is one transaction: a failed load leaves the table as it was; repeating a load adds no rows",
      "(an append of the same files - same names, sizes and times - is skipped; see --load-id)."
    })
public final class WarehouseLoadCommand extends OutputCommand {

  @Option(
      names = "--input",
      required = true,
      paramLabel = "URI",
      description = "Parquet file or directory, or CSV file(s): a path, file://, hdfs:// or s3://")
  String input;

  @Option(
      names = "--table",
      required = true,
      paramLabel = "NAME",
      description = "TABLE or SCHEMA.TABLE")
  String table;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "create",
      description = "create (default), append, replace or upsert (needs --key)")
  String mode;

  @Option(
      names = "--key",
      paramLabel = "COLUMN",
      split = ",",
      description = "Key column(s) rows are matched on (upsert)")
  List<String> keys;

  @Mixin WarehouseTargetOption target;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "parquet or csv (default: from the file names)")
  String format;

  @Option(
      names = "--quarantine",
      paramLabel = "FILE",
      description =
          "Where rejected CSV rows go, with line and reason (default: .sluice/quarantine/TABLE-LOADID.csv)")
  Path quarantine;

  @Option(
      names = "--load-id",
      paramLabel = "ID",
      description =
          "The id this load is recorded under (default: a fingerprint of the input files)")
  String loadId;

  @Mixin S3EndpointOptions aws;

  @Mixin HadoopOptions hadoop;

  @Override
  public Integer call() {
    HadoopSiteConfiguration site = hadoop.site(spec);
    StorageUri location = StorageUri.parse(site.location(input));
    try (StorageOptions storage = aws.resolve(location.scheme() == StorageUri.Scheme.S3, err());
        Warehouse warehouse = target.open()) {
      Configuration conf = storage.config().applyTo(site.configuration());
      LoadInput in =
          LoadInput.resolve(location, format == null ? null : InputFormat.parse(format), conf);
      long started = System.nanoTime();
      LoadRequest request =
          LoadRequest.builder()
              .input(in)
              .table(TableName.parse(table))
              .mode(LoadMode.parse(mode))
              .keyColumns(keys)
              .quarantine(quarantine)
              .loadId(loadId)
              .progress(
                  (rows, bytes) ->
                      err()
                          .printf(
                              Locale.ROOT,
                              "load warehouse: %,d rows, %,d bytes read, %.1fs%n",
                              rows,
                              bytes,
                              (System.nanoTime() - started) / 1e9),
                  LoadRequest.DEFAULT_PROGRESS_INTERVAL)
              .build();
      err()
          .printf(
              "load warehouse: %s (%s, %d file(s)) -> %s %s [%s]%n",
              location.original(),
              in.format().name().toLowerCase(Locale.ROOT),
              in.files().size(),
              warehouse.kind(),
              request.table(),
              request.mode().label());
      LoadResult result = warehouse.load(request);
      if (json()) {
        print(JsonLoadResult.of(result));
      } else {
        out().println(result.summary());
      }
      return ExitCode.OK;
    }
  }
}
