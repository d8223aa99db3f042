package io.sluice.runner.s3;

import io.sluice.runner.StorageOptions;
import io.sluice.storage.s3.S3ObjectStore;
import picocli.CommandLine.Option;

/** Where the S3 endpoint is and how transfers run; every {@code sluice s3} command takes these. */
final class S3Options {

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "S3 endpoint, e.g. http://127.0.0.1:9000, or 'embedded' for the local one over .sluice/s3"
              + " (default: AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, else AWS; the embedded one when no AWS credentials exist). "
              + "Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the AWS default chain.")
  String endpoint;

  /** The endpoint to use, chosen as {@code sluice run} chooses it; close it after the command. */
  StorageOptions resolve() {
    return StorageOptions.resolveForObjectStore(endpoint, System.getenv());
  }

  /** Transfer tuning, for the commands that move bytes. */
  static final class Transfer {
    @Option(
        names = "--part-size",
        paramLabel = "SIZE",
        converter = Units.SizeConverter.class,
        description =
            "Part size of multipart uploads and ranged downloads (default: 8MiB, at least 5MiB)")
    Long partSize;

    @Option(
        names = "--multipart-threshold",
        paramLabel = "SIZE",
        converter = Units.SizeConverter.class,
        description =
            "Files above this size are uploaded and downloaded in parallel parts (default: 16MiB)")
    Long multipartThreshold;

    @Option(
        names = "--parallelism",
        paramLabel = "N",
        description = "Parts in flight at once (default: 2 per core, 4 to 16)")
    Integer parallelism;

    @Option(
        names = "--progress",
        description = "Show a progress bar on stderr even when it is not a terminal")
    boolean progress;

    @Option(names = "--no-progress", description = "Never show a progress bar")
    boolean noProgress;

    boolean showProgress() {
      return !noProgress && (progress || System.console() != null);
    }

    S3ObjectStore.Builder apply(S3ObjectStore.Builder builder) {
      if (partSize != null) {
        builder.partSize(partSize);
      }
      if (multipartThreshold != null) {
        builder.multipartThreshold(multipartThreshold);
      }
      if (parallelism != null) {
        builder.parallelism(parallelism);
      }
      return builder;
    }
  }
}
