package io.sluice.runner.s3;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice s3}: object-store administration on AWS SDK v2. */
@Command(
    name = "s3",
    description =
        "Object-store administration: buckets, transfers, versioning, policies, presigned URLs.",
    subcommands = {
      MakeBucketCommand.class,
      RemoveBucketCommand.class,
      ListCommand.class,
      CopyCommand.class,
      RemoveCommand.class,
      SyncCommand.class,
      VersioningCommand.class,
      PolicyCommand.class,
      PresignCommand.class,
      AclCommand.class
    })
public final class S3Command extends CommandGroup {}
