package io.sluice.runner.s3;

import io.sluice.storage.s3.S3ObjectStore;
import picocli.CommandLine.Option;

/**
 * How transfers run, for the {@code sluice s3} commands that move bytes; the endpoint is the AWS
 * flags' ({@link io.sluice.runner.S3EndpointOptions}).
 */
final class S3Options {

  private S3Options() {}

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
