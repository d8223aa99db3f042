package io.sluice.runner.s3;

import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.BucketSummary;
import io.sluice.storage.s3.ListOptions;
import io.sluice.storage.s3.ObjectListing;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.ObjectSummary;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice s3 ls [s3://bucket[/prefix]] [--recursive]}: buckets, or one "directory" level of a
 * bucket (PRE lines for sub-prefixes), or every key under a prefix. Pages are fetched as printed.
 */
@Command(
    name = "ls",
    description =
        "List buckets, or the objects under s3://bucket/prefix (one level, or all with --recursive).")
final class ListCommand extends S3Subcommand {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "s3://BUCKET[/PREFIX]",
      description = "What to list; without it, the buckets")
  String location;

  @Option(
      names = {"-r", "--recursive"},
      description = "Every key under the prefix, not one level")
  boolean recursive;

  @Option(
      names = "--summarize",
      description = "End with the number of objects and their total size")
  boolean summarize;

  @Override
  int run(ObjectStore store) {
    if (location == null) {
      for (BucketSummary b : store.listBuckets()) {
        if (json()) {
          print(new JsonBucket(b.name(), iso(b.created())));
        } else {
          out().println(time(b.created()) + "  " + b.name());
        }
      }
      return ExitCode.OK;
    }
    S3Location where = S3Location.parse(location);
    ListOptions options =
        recursive ? ListOptions.recursive(where.key()) : ListOptions.directory(where.key());
    // Names print relative to the listed "directory", as `aws s3 ls` does; --recursive prints whole
    // keys.
    int strip = recursive ? 0 : where.key().lastIndexOf('/') + 1;
    long objects = 0;
    long bytes = 0;
    Iterator<ObjectListing> pages = store.listPages(where.bucket(), options).iterator();
    while (pages.hasNext()) {
      ObjectListing page = pages.next();
      for (String prefix : page.commonPrefixes()) {
        if (json()) {
          print(new JsonPrefix(prefix));
        } else {
          out().printf("%19s %12s PRE %s%n", "", "", prefix.substring(strip));
        }
      }
      for (ObjectSummary o : page.objects()) {
        if (json()) {
          print(new JsonObject(o.key(), o.size(), iso(o.lastModified()), o.eTag()));
        } else {
          out().printf("%s %12d %s%n", time(o.lastModified()), o.size(), o.key().substring(strip));
        }
        objects++;
        bytes += o.size();
      }
    }
    if (summarize && json()) {
      print(new JsonTotals(objects, bytes));
    } else if (summarize) {
      out().println("Total Objects: " + objects);
      out().println("   Total Size: " + bytes + " (" + Units.bytes(bytes) + ")");
    }
    return ExitCode.OK;
  }

  /** The --json lines: one per bucket, sub-prefix and object, then the totals. */
  record JsonBucket(String bucket, String created) {}

  record JsonPrefix(String prefix) {}

  record JsonObject(String key, long size, String lastModified, String eTag) {}

  record JsonTotals(long totalObjects, long totalSize) {}

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  private static String time(Instant t) {
    return t == null ? " ".repeat(19) : TIME.format(t);
  }
}
