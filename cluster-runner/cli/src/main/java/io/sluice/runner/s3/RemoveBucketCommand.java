package io.sluice.runner.s3;

import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice s3 rb s3://bucket [--force]}. */
@Command(
    name = "rb",
    description =
        "Delete a bucket. A bucket that still holds objects is refused unless --force is given.")
final class RemoveBucketCommand extends S3Subcommand {

  @Parameters(index = "0", paramLabel = "s3://BUCKET", description = "The bucket to delete")
  String bucket;

  @Option(
      names = "--force",
      description = "Delete the bucket's objects (and versions, and unfinished uploads) first")
  boolean force;

  @Override
  int run(ObjectStore store) {
    S3Location location = S3Location.parseBucket(bucket);
    store.deleteBucket(location.bucket(), force);
    out().println("deleted bucket s3://" + location.bucket());
    return ExitCode.OK;
  }
}
