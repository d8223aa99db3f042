package io.sluice.runner.s3;

import io.sluice.runner.CommandGroup;
import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.LocalFileException;
import io.sluice.storage.s3.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice s3 policy put|get|delete}. */
@Command(
    name = "policy",
    description = "A bucket's policy (a JSON document).",
    subcommands = {PolicyCommand.Put.class, PolicyCommand.Get.class, PolicyCommand.Delete.class})
final class PolicyCommand extends CommandGroup {

  @Command(name = "put", description = "Set the bucket policy from a JSON file.")
  static final class Put extends BucketSubcommand {

    @Parameters(index = "1", paramLabel = "FILE", description = "The policy document")
    Path file;

    @Override
    int run(ObjectStore store, String bucket) {
      String policy;
      try {
        policy = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new LocalFileException(file, "no such file", e);
      } catch (IOException e) {
        throw new LocalFileException(file, "cannot read: " + e.getMessage(), e);
      }
      store.putBucketPolicy(bucket, policy);
      out().println("set the policy of s3://" + bucket + " from " + file);
      return ExitCode.OK;
    }
  }

  @Command(name = "get", description = "Print the bucket policy (nothing if it has none).")
  static final class Get extends BucketSubcommand {

    @Override
    int run(ObjectStore store, String bucket) {
      Optional<String> policy = store.bucketPolicy(bucket);
      if (policy.isPresent()) {
        out().println(policy.get());
      } else {
        err().println(spec.qualifiedName(" ") + ": s3://" + bucket + " has no bucket policy");
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "delete", description = "Remove the bucket policy.")
  static final class Delete extends BucketSubcommand {

    @Override
    int run(ObjectStore store, String bucket) {
      store.deleteBucketPolicy(bucket);
      out().println("deleted the policy of s3://" + bucket);
      return ExitCode.OK;
    }
  }
}
