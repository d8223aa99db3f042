package io.sluice.runner.s3;

import io.sluice.errors.InvalidInputException;
import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.ObjectSummary;
import io.sluice.storage.s3.TransferListener;
import io.sluice.storage.s3.TransferResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice s3 cp SOURCE TARGET}: local file to S3 (multipart above the threshold), S3 to a
 * local file (ranged parallel GETs, moved into place when complete), or S3 to S3 (server-side
 * copy).
 */
@Command(
    name = "cp",
    description = {
      "Copy a file to S3, an object to a file, or an object to another S3 location.",
      "A TARGET ending in / (or an existing local directory) receives the source's name."
    })
final class CopyCommand extends TransferSubcommand {

  @Parameters(index = "0", paramLabel = "SOURCE", description = "A local file or s3://bucket/key")
  String source;

  @Parameters(
      index = "1",
      paramLabel = "TARGET",
      description = "A local file or directory, or s3://bucket/key")
  String target;

  @Option(
      names = "--version-id",
      paramLabel = "ID",
      description = "Download (or copy) this version of the source object")
  String versionId;

  @Override
  int run(ObjectStore store) {
    boolean fromS3 = S3Location.isS3(source);
    boolean toS3 = S3Location.isS3(target);
    if (!fromS3 && !toS3) {
      throw new InvalidInputException(
          "one of SOURCE and TARGET must be an s3:// location; use cp(1) for local copies");
    }
    if (versionId != null && !fromS3) {
      throw new InvalidInputException(
          "--version-id names a version of an S3 source; the source is a local file");
    }
    TransferResult result;
    String route;
    if (!fromS3) {
      Path file = Path.of(source);
      if (Files.isDirectory(file)) {
        throw new InvalidInputException(
            source + " is a directory; use `sluice s3 sync " + source + " " + target + "`");
      }
      S3Location to = S3Location.parse(target);
      if (to.isDirectory()) {
        to = to.child(file.getFileName().toString());
      }
      S3Location dest = to;
      result =
          withProgress(
              "upload",
              file.getFileName().toString(),
              sizeOf(file),
              listener -> store.upload(file, dest.bucket(), dest.key(), listener));
      route = source + " -> " + dest;
    } else {
      S3Location from = S3Location.parseObject(source);
      if (versionId != null && toS3) {
        throw new InvalidInputException(
            "--version-id is for downloads; S3-to-S3 copies copy the current version");
      }
      if (toS3) {
        S3Location to = S3Location.parse(target);
        S3Location dest = to.isDirectory() ? to.child(from.name()) : to;
        ObjectSummary head = store.head(from.bucket(), from.key());
        result =
            withProgress(
                "copy",
                from.name(),
                head.size(),
                listener ->
                    store.copy(from.bucket(), from.key(), dest.bucket(), dest.key(), listener));
        route = from + " -> " + dest;
      } else {
        Path file = Path.of(target);
        if (target.endsWith("/")
            || target.endsWith(java.io.File.separator)
            || Files.isDirectory(file)) {
          // The key's last segment names the file; "." or ".." would name the directory or its
          // parent instead.
          String name = from.name();
          if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new InvalidInputException(
                "object key '"
                    + from.key()
                    + "' has no file name to download into "
                    + target
                    + "; give a file name as TARGET");
          }
          file = file.resolve(name);
        }
        Path dest = file;
        long size = store.head(from.bucket(), from.key()).size();
        result =
            withProgress(
                "download",
                from.name(),
                size,
                listener -> store.download(from.bucket(), from.key(), versionId, dest, listener));
        route = from + (versionId == null ? "" : " (version " + versionId + ")") + " -> " + dest;
      }
    }
    out().println(result.summary() + ": " + route);
    return ExitCode.OK;
  }

  private TransferResult withProgress(
      String verb, String name, long size, Function<TransferListener, TransferResult> work) {
    if (!transferOptions.showProgress()) {
      return work.apply(TransferListener.NONE);
    }
    ProgressBar bar = new ProgressBar(err(), verb + " " + name, size);
    try {
      return work.apply(bar);
    } finally {
      bar.finish();
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      // The upload itself names the problem (missing, unreadable) precisely.
      return 0;
    }
  }
}
