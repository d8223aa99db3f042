package io.sluice.runner.s3;

import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice s3 mb s3://bucket}. */
@Command(name = "mb", description = "Create a bucket.")
final class MakeBucketCommand extends S3Subcommand {

  @Parameters(index = "0", paramLabel = "s3://BUCKET", description = "The bucket to create")
  String bucket;

  @Override
  int run(ObjectStore store) {
    S3Location location = S3Location.parseBucket(bucket);
    store.createBucket(location.bucket());
    out().println("created bucket s3://" + location.bucket());
    return ExitCode.OK;
  }
}
