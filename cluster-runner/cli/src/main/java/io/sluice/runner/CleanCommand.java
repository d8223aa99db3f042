package io.sluice.runner;

import io.sluice.ml.UnfinishedVersions;
import io.sluice.runner.s3.Units;
import io.sluice.storage.ByteSize;
import io.sluice.storage.StorageUri;
import io.sluice.storage.leftovers.Leftover;
import io.sluice.storage.leftovers.PathLeftovers;
import io.sluice.storage.s3.S3ObjectStore;
import io.sluice.warehouse.StageTables;
import io.sluice.warehouse.Warehouse;
import io.sluice.warehouse.WarehouseTarget;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice clean TARGET...}: lists and removes what killed runs left behind (staging
 * directories, pending multipart uploads, S3A {@code __magic} folders, stage tables, unfinished
 * model versions), never anything a live run may still use.
 */
@Command(
    name = "clean",
    description =
        "Remove what killed runs left behind at file://, hdfs:// and s3:// locations (staging"
            + " directories, output locks, pending multipart uploads, S3A __magic folders,"
            + " unfinished model versions of a registry) and in warehouses (stage tables): only"
            + " what no live run may still use.")
public final class CleanCommand extends OutputCommand {

  @Parameters(
      arity = "1..*",
      paramLabel = "TARGET",
      description =
          "An output or folder (path, file://, hdfs://, s3://), a model registry, or a warehouse"
              + " (duckdb:PATH, postgresql://...)")
  List<String> targets;

  @Option(names = "--dry-run", description = "List what would be removed; remove nothing")
  boolean dryRun;

  @Option(
      names = "--older-than",
      paramLabel = "DURATION",
      converter = Units.DurationConverter.class,
      description =
          "Only leftovers at least this old (e.g. 90s, 15m, 12h, 7d); also removes pending uploads"
              + " and other leftovers that name no owner once this old (default: a day)")
  Duration olderThan;

  @Mixin S3EndpointOptions aws;

  @Mixin HadoopOptions hadoop;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    HadoopSiteConfiguration site = hadoop.site(spec);
    // Every target is checked before anything is removed.
    List<Object> parsed = new ArrayList<>();
    for (String target : targets) {
      parsed.add(isWarehouse(target) ? target : StorageUri.parse(site.location(target)));
    }
    boolean usesS3 =
        parsed.stream()
            .anyMatch(t -> t instanceof StorageUri u && u.scheme() == StorageUri.Scheme.S3);
    Tally tally = new Tally();
    try (StorageOptions storage = aws.resolve(usesS3, err())) {
      Configuration conf = storage.config().applyTo(site.configuration());
      for (Object target : parsed) {
        if (target instanceof StorageUri location) {
          cleanLocation(location, conf, storage, tally);
        } else {
          cleanWarehouse((String) target, tally);
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (json()) {
      print(
          new JsonCleanResult(
              dryRun,
              tally.items.size(),
              tally.removed,
              tally.kept,
              tally.failed,
              tally.bytes,
              seconds,
              tally.items));
    } else {
      out()
          .printf(
              Locale.ROOT,
              "clean: %s %d of %d leftover(s) (%s)%s in %.1f s%n",
              dryRun ? "would remove" : "removed",
              dryRun ? tally.removable : tally.removed,
              tally.items.size(),
              ByteSize.format(tally.bytes),
              tally.failed > 0 ? ", " + tally.failed + " could not be removed" : "",
              seconds);
    }
    if (tally.failed > 0) {
      throw new IllegalStateException(
          "clean: " + tally.failed + " leftover(s) could not be removed; see the lines above");
    }
    return ExitCode.OK;
  }

  static boolean isWarehouse(String target) {
    String t = target.trim();
    return t.startsWith("duckdb:")
        || t.startsWith("postgresql:")
        || t.startsWith("postgres:")
        || t.startsWith("jdbc:postgresql:");
  }

  private void cleanLocation(
      StorageUri location, Configuration conf, StorageOptions storage, Tally tally) {
    Path path = location.toHadoopPath();
    List<Leftover> found;
    try {
      FileSystem fs = path.getFileSystem(conf);
      found = new ArrayList<>(PathLeftovers.find(fs, path));
      found.addAll(UnfinishedVersions.find(fs, path));
    } catch (IOException e) {
      throw new IllegalStateException(
          "clean: cannot list " + location.original() + ": " + e.getMessage(), e);
    }
    if (location.scheme() != StorageUri.Scheme.S3) {
      handle(found, tally);
      return;
    }
    String bucket = location.hadoopUri().getHost();
    String prefix = location.hadoopUri().getPath().replaceFirst("^/", "");
    try (S3ObjectStore store = S3ObjectStore.create(storage.config())) {
      found.addAll(PathLeftovers.uploads(store, bucket, prefix));
      handle(found, tally);
    }
  }

  private void cleanWarehouse(String target, Tally tally) {
    try (Warehouse warehouse = WarehouseTarget.open(target, System.getenv());
        StageTables stageTables = warehouse.stageTables()) {
      handle(stageTables.found(), tally);
    }
  }

  /** Decides, removes (unless a dry run) and prints each leftover. */
  private void handle(List<Leftover> found, Tally tally) {
    Instant now = Instant.now();
    for (Leftover leftover : found) {
      String kept = leftover.keptBecause(now, olderThan);
      String action;
      String reason = kept;
      if (kept != null) {
        action = "kept";
        tally.kept++;
      } else if (dryRun) {
        action = "would remove";
        tally.removable++;
        tally.bytes += Math.max(0, leftover.bytes());
      } else {
        try {
          leftover.removal().remove();
          action = "removed";
          tally.removed++;
          tally.bytes += Math.max(0, leftover.bytes());
        } catch (IOException | RuntimeException e) {
          action = "failed";
          reason = ExitCode.oneLine(e);
          tally.failed++;
        }
      }
      tally.items.add(
          new JsonCleanResult.Item(
              action,
              leftover.what(),
              leftover.where(),
              leftover.owner() == null ? null : leftover.owner().describe(),
              leftover.age(now).toSeconds(),
              leftover.bytes(),
              reason));
      if (!json()) {
        out()
            .printf(
                "%-12s %s%s%n",
                action, leftover.describe(now), reason == null ? "" : " (" + reason + ")");
      }
    }
  }

  /** Counts over all targets. */
  private static final class Tally {
    final List<JsonCleanResult.Item> items = new ArrayList<>();
    int removed;
    int removable;
    int kept;
    int failed;
    long bytes;
  }
}
