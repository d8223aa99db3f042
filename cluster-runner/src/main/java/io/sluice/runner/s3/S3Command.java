package io.sluice.runner.s3;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice s3}: object-store administration on AWS SDK v2. */
@Command(name = "s3", mixinStandardHelpOptions = true,
    description = "Object-store administration: buckets, transfers, versioning, policies, presigned URLs.",
    subcommands = {MakeBucketCommand.class, RemoveBucketCommand.class, ListCommand.class, CopyCommand.class,
        RemoveCommand.class, SyncCommand.class, VersioningCommand.class, PolicyCommand.class, PresignCommand.class,
        AclCommand.class})
public final class S3Command implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK;
  }
}
