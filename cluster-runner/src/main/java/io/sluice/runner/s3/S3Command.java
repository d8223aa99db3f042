package io.sluice.runner.s3;

import picocli.CommandLine.Command;

/** {@code sluice s3}: object-store administration on AWS SDK v2. */
@Command(name = "s3", mixinStandardHelpOptions = true,
    description = "Object-store administration: buckets, transfers, versioning, policies, presigned URLs.")
public final class S3Command {
}
