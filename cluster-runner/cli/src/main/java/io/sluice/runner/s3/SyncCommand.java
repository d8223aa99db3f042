package io.sluice.runner.s3;

import io.sluice.errors.InvalidInputException;
import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.LocalFileException;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.ObjectSummary;
import io.sluice.storage.s3.S3ETags;
import io.sluice.storage.s3.S3ObjectStore;
import io.sluice.storage.s3.TransferListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice s3 sync SRC DST}, as {@code aws s3 sync}: copies the files of SRC that DST lacks or
 * holds with other content (local to S3, S3 to local, S3 to S3), optionally deletes what DST holds
 * beyond SRC, and skips the rest. A file and an object hold the same content when the sizes match
 * and the file's MD5 equals the object's ETag (for multipart ETags: the ETag the file would get in
 * parts of the configured size); two objects when sizes and ETags match. Where an endpoint gives no
 * ETag, the side modified last is taken as newer.
 */
@Command(
    name = "sync",
    description = {
      "Sync a local directory and an S3 prefix, or two prefixes (aws s3 sync): new and changed files only.",
      "Unchanged = same size and same content hash (MD5 against the object's ETag)."
    })
final class SyncCommand extends TransferSubcommand {

  @Parameters(
      index = "0",
      paramLabel = "SRC",
      description = "A local directory or s3://BUCKET/PREFIX to copy from")
  String source;

  @Parameters(
      index = "1",
      paramLabel = "DST",
      description = "A local directory or s3://BUCKET/PREFIX; paths below it mirror SRC's")
  String destination;

  @Option(names = "--delete", description = "Delete files in DST that SRC does not have")
  boolean delete;

  @Option(
      names = {"--dryrun", "--dry-run"},
      description = "Print what would be copied and deleted, and change nothing")
  boolean dryRun;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      parameterConsumer = SyncFilters.OptionConsumer.class,
      description =
          "Leave out paths (relative to SRC/DST) matching GLOB (*, ?, [abc]; * crosses /); repeatable")
  List<String> excludes;

  @Option(
      names = "--include",
      paramLabel = "GLOB",
      parameterConsumer = SyncFilters.OptionConsumer.class,
      description =
          "Take back paths an earlier --exclude left out; filters apply in order, the last match wins")
  List<String> includes;

  /** Filled in command-line order by {@link SyncFilters.OptionConsumer}. */
  final SyncFilters filters = new SyncFilters();

  private enum Verb {
    UPLOAD("upload", "uploaded"),
    DOWNLOAD("download", "downloaded"),
    COPY("copy", "copied");

    final String word;
    final String done;

    Verb(String word, String done) {
      this.word = word;
      this.done = done;
    }
  }

  private record Transfer(SyncTree.Entry entry, String reason) {}

  @Override
  int run(ObjectStore store) throws IOException {
    SyncTree from = SyncTree.of(source);
    SyncTree to = SyncTree.of(destination);
    if (from instanceof SyncTree.Directory && to instanceof SyncTree.Directory) {
      throw new InvalidInputException(
          "sync needs an s3:// source or destination; for two local directories use rsync");
    }
    // A missing destination directory is created; a missing source is a mistake.
    if (from instanceof SyncTree.Directory d && !Files.exists(d.root())) {
      throw new LocalFileException(d.root(), "no such directory", null);
    }
    Verb verb =
        from instanceof SyncTree.Directory
            ? Verb.UPLOAD
            : to instanceof SyncTree.Directory ? Verb.DOWNLOAD : Verb.COPY;

    SortedMap<String, SyncTree.Entry> here = from.list(store);
    SortedMap<String, SyncTree.Entry> there = to.list(store);
    long started = System.nanoTime();
    List<Transfer> transfers = new ArrayList<>();
    int unchanged = 0;
    List<String> escaping = new ArrayList<>();
    for (SyncTree.Entry e : here.values()) {
      if (!filters.includes(e.relative())) {
        continue;
      }
      // A key such as ../../x or /abs/x would land outside DST: skipped with aws-cli's warning
      // (and its exit code 2), the rest is synced.
      if (to instanceof SyncTree.Directory d && !d.holds(e.relative())) {
        escaping.add(e.relative());
        continue;
      }
      String reason = reasonToCopy(store, e, there.get(e.relative()));
      if (reason == null) {
        unchanged++;
      } else {
        transfers.add(new Transfer(e, reason));
      }
    }
    List<String> deletions = new ArrayList<>();
    if (delete) {
      for (String relative : there.keySet()) {
        // Filtered-out files of DST are left alone, as aws-cli leaves them.
        if (!here.containsKey(relative) && filters.includes(relative)) {
          deletions.add(relative);
        }
      }
    }

    for (String relative : escaping) {
      err()
          .println(
              "warning: Skipping file "
                  + from.locate(relative)
                  + ". File references a parent directory.");
    }
    err().flush();
    int exitCode = escaping.isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT;
    long total = transfers.stream().mapToLong(t -> t.entry().size()).sum();
    if (dryRun) {
      for (Transfer t : transfers) {
        out().println("(dryrun) " + line(verb, from, to, t));
      }
      for (String relative : deletions) {
        out().println("(dryrun) delete: " + to.locate(relative));
      }
      out().flush();
      return exitCode;
    }

    ProgressBar bar =
        transferOptions.showProgress() && total > 0
            ? new ProgressBar(err(), "sync " + transfers.size() + " files", total)
            : null;
    long done = 0;
    try {
      for (Transfer t : transfers) {
        TransferListener listener = bar == null ? TransferListener.NONE : bar.from(done);
        transfer(store, verb, from, to, t.entry(), listener);
        done += t.entry().size();
        if (bar == null) {
          out().println(line(verb, from, to, t));
        }
      }
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
    for (String relative : deletions) {
      if (to instanceof SyncTree.Directory d) {
        Files.deleteIfExists(d.file(relative));
      } else if (to instanceof SyncTree.Bucket b) {
        store.deleteObject(b.bucket(), b.key(relative));
      }
      out().println("delete: " + to.locate(relative));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    double seconds = elapsed.toNanos() / 1e9;
    out()
        .println(
            String.format(
                Locale.ROOT,
                "sync: %s %d file%s (%d bytes), %d unchanged%s, in %.1f s (%.1f MiB/s): %s -> %s",
                verb.done,
                transfers.size(),
                transfers.size() == 1 ? "" : "s",
                total,
                unchanged,
                delete ? ", " + deletions.size() + " deleted" : "",
                seconds,
                seconds <= 0 ? 0 : total / (1024.0 * 1024.0) / seconds,
                from,
                to));
    return exitCode;
  }

  private static String line(Verb verb, SyncTree from, SyncTree to, Transfer t) {
    String relative = t.entry().relative();
    return verb.word
        + ": "
        + from.locate(relative)
        + " -> "
        + to.locate(relative)
        + " ("
        + t.reason()
        + ")";
  }

  private static void transfer(
      ObjectStore store,
      Verb verb,
      SyncTree from,
      SyncTree to,
      SyncTree.Entry e,
      TransferListener listener)
      throws IOException {
    String relative = e.relative();
    switch (verb) {
      case UPLOAD -> {
        SyncTree.Bucket b = (SyncTree.Bucket) to;
        store.upload(e.file(), b.bucket(), b.key(relative), listener);
      }
      case DOWNLOAD -> {
        Path file = ((SyncTree.Directory) to).file(relative);
        Files.createDirectories(file.getParent());
        store.download(e.object().bucket(), e.object().key(), file, listener);
      }
      case COPY -> {
        SyncTree.Bucket b = (SyncTree.Bucket) to;
        store.copy(e.object().bucket(), e.object().key(), b.bucket(), b.key(relative), listener);
      }
    }
  }

  /** Why a source entry must be copied over its counterpart in DST, or null when it need not. */
  private static String reasonToCopy(
      ObjectStore store, SyncTree.Entry source, SyncTree.Entry target) throws IOException {
    if (target == null) {
      return "new";
    }
    if (source.size() != target.size()) {
      return "size changed";
    }
    if (source.object() != null && target.object() != null) {
      return sameObjectContent(source, target);
    }
    Path file = source.file() != null ? source.file() : target.file();
    ObjectSummary object = source.object() != null ? source.object() : target.object();
    String eTag = object.eTag();
    if (eTag == null || eTag.isEmpty()) {
      return newer(source.modified(), target.modified())
          ? (source.file() != null ? "modified after the object" : "modified after the file")
          : null;
    }
    if (!object.multipartETag()) {
      return S3ETags.md5Hex(file).equalsIgnoreCase(eTag) ? null : "content changed";
    }
    // A multipart ETag hashes the parts; recompute it with the part size this upload would use.
    long partSize = store instanceof S3ObjectStore s ? s.partSizeFor(source.size()) : 8L << 20;
    return S3ETags.multipartETag(file, partSize).equalsIgnoreCase(eTag)
        ? null
        : "content changed (or other part size)";
  }

  private static String sameObjectContent(SyncTree.Entry source, SyncTree.Entry target) {
    String a = source.object().eTag();
    String b = target.object().eTag();
    boolean comparable =
        a != null
            && b != null
            && !a.isEmpty()
            && source.object().multipartETag() == target.object().multipartETag();
    if (comparable) {
      return a.equalsIgnoreCase(b) ? null : "content changed";
    }
    // Different upload shapes (or no ETags): the newer source wins, as aws-cli decides.
    return newer(source.modified(), target.modified()) ? "modified after the target" : null;
  }

  /** True when {@code a} is after {@code b}, or either time is unknown. */
  private static boolean newer(Instant a, Instant b) {
    return a == null || b == null || a.isAfter(b);
  }
}
