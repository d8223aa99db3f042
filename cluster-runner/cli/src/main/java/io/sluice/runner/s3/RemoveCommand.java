package io.sluice.runner.s3;

import io.sluice.errors.InvalidInputException;
import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice s3 rm s3://bucket/key} or {@code rm --recursive s3://bucket/prefix}. */
@Command(
    name = "rm",
    description = {
      "Delete an object, or with --recursive every object under a prefix.",
      "With --recursive, s3://b/logs means the \"directory\" logs/ (not logs-old/)."
    })
final class RemoveCommand extends S3Subcommand {

  @Parameters(
      index = "0",
      paramLabel = "s3://BUCKET/KEY",
      description = "The object, or the prefix with --recursive")
  String location;

  @Option(
      names = {"-r", "--recursive"},
      description = "Delete every object under the prefix (1000 per request)")
  boolean recursive;

  @Override
  int run(ObjectStore store) {
    S3Location where = S3Location.parse(location);
    if (recursive) {
      String prefix = where.directoryPrefix();
      long deleted = store.deletePrefix(where.bucket(), prefix);
      out()
          .println(
              "deleted "
                  + deleted
                  + " object"
                  + (deleted == 1 ? "" : "s")
                  + " under s3://"
                  + where.bucket()
                  + "/"
                  + prefix);
      return ExitCode.OK;
    }
    if (where.isDirectory()) {
      throw new InvalidInputException(
          location
              + " names a prefix, not an object; add --recursive to delete everything under it");
    }
    // S3 deletes of missing keys succeed silently; a typo should not look like a deletion.
    store.head(where.bucket(), where.key());
    store.deleteObject(where.bucket(), where.key());
    out().println("deleted " + where);
    return ExitCode.OK;
  }
}
