package io.sluice.runner.s3;

import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.LocalFileException;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.ObjectSummary;
import io.sluice.storage.s3.S3ETags;
import io.sluice.storage.s3.S3ObjectStore;
import io.sluice.storage.s3.TransferListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice s3 sync DIR s3://bucket/prefix}: uploads the files that are new or changed and
 * skips the rest. A file is unchanged when its size matches and its MD5 equals the object's ETag
 * (for multipart ETags: the ETag this file would get in parts of the configured size); where the
 * endpoint gives no ETag, when the object is not older than the file.
 */
@Command(
    name = "sync",
    description = {
      "Upload a local directory to an S3 prefix: new and changed files only.",
      "Unchanged = same size and same content hash (MD5 against the object's ETag)."
    })
final class SyncCommand extends TransferSubcommand {

  @Parameters(index = "0", paramLabel = "DIR", description = "The local directory")
  Path directory;

  @Parameters(
      index = "1",
      paramLabel = "s3://BUCKET/PREFIX",
      description = "Where its files go; keys are PREFIX/relative/path")
  String location;

  private record Upload(Path file, String key, long size, String reason) {}

  @Override
  int run(ObjectStore store) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new LocalFileException(
          directory,
          Files.exists(directory)
              ? "not a directory; use `sluice s3 cp` for a file"
              : "no such directory",
          null);
    }
    S3Location where = S3Location.parse(location);
    String prefix = where.directoryPrefix();
    Map<String, ObjectSummary> remote = new HashMap<>();
    store.listObjects(where.bucket(), prefix).forEach(o -> remote.put(o.key(), o));

    long started = System.nanoTime();
    List<Upload> uploads = new ArrayList<>();
    int unchanged = 0;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path file : files) {
      String relative =
          directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
      String key = prefix + relative;
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      String reason = reasonToUpload(store, file, attributes, remote.get(key));
      if (reason == null) {
        unchanged++;
      } else {
        uploads.add(new Upload(file, key, attributes.size(), reason));
      }
    }

    long total = uploads.stream().mapToLong(Upload::size).sum();
    ProgressBar bar =
        transferOptions.showProgress() && total > 0
            ? new ProgressBar(err(), "sync " + uploads.size() + " files", total)
            : null;
    long done = 0;
    try {
      for (Upload u : uploads) {
        TransferListener listener = bar == null ? TransferListener.NONE : bar.from(done);
        store.upload(u.file(), where.bucket(), u.key(), listener);
        done += u.size();
        if (bar == null) {
          out()
              .println(
                  "upload: "
                      + u.file()
                      + " -> s3://"
                      + where.bucket()
                      + "/"
                      + u.key()
                      + " ("
                      + u.reason()
                      + ")");
        }
      }
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    double seconds = elapsed.toNanos() / 1e9;
    out()
        .println(
            String.format(
                Locale.ROOT,
                "sync: uploaded %d file%s (%d bytes), %d unchanged, in %.1f s (%.1f MiB/s): %s -> s3://%s/%s",
                uploads.size(),
                uploads.size() == 1 ? "" : "s",
                total,
                unchanged,
                seconds,
                seconds <= 0 ? 0 : total / (1024.0 * 1024.0) / seconds,
                directory,
                where.bucket(),
                prefix));
    return ExitCode.OK;
  }

  /** Why the file must be uploaded, or null when the object already has its content. */
  private static String reasonToUpload(
      ObjectStore store, Path file, BasicFileAttributes local, ObjectSummary object)
      throws IOException {
    if (object == null) {
      return "new";
    }
    if (object.size() != local.size()) {
      return "size changed";
    }
    String eTag = object.eTag();
    if (eTag == null || eTag.isEmpty()) {
      boolean newer =
          object.lastModified() == null
              || local.lastModifiedTime().toInstant().isAfter(object.lastModified());
      return newer ? "modified after the object" : null;
    }
    if (!object.multipartETag()) {
      return S3ETags.md5Hex(file).equalsIgnoreCase(eTag) ? null : "content changed";
    }
    // A multipart ETag hashes the parts; recompute it with the part size this upload would use.
    long partSize = store instanceof S3ObjectStore s ? s.partSizeFor(local.size()) : 8L << 20;
    return S3ETags.multipartETag(file, partSize).equalsIgnoreCase(eTag)
        ? null
        : "content changed (or other part size)";
  }
}
