package io.sluice.runner.s3;

import io.sluice.storage.s3.ObjectStore;
import picocli.CommandLine.Parameters;

/** An {@code s3} command about one bucket, named as {@code s3://BUCKET} in its first argument. */
abstract class BucketSubcommand extends S3Subcommand {

  @Parameters(index = "0", paramLabel = "s3://BUCKET")
  String bucketArgument;

  @Override
  final int run(ObjectStore store) throws Exception {
    return run(store, S3Location.parseBucket(bucketArgument).bucket());
  }

  /**
   * @param bucket the bucket's name, already checked
   */
  abstract int run(ObjectStore store, String bucket) throws Exception;
}
