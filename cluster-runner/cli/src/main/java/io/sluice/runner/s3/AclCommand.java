package io.sluice.runner.s3;

import io.sluice.runner.CommandGroup;
import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.AccessControlList;
import io.sluice.storage.s3.CannedAcl;
import io.sluice.storage.s3.ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice s3 acl set|get s3://bucket[/key]}. */
@Command(
    name = "acl",
    description = "Canned ACLs of a bucket (s3://bucket) or an object (s3://bucket/key).",
    subcommands = {AclCommand.Set.class, AclCommand.Get.class})
final class AclCommand extends CommandGroup {

  @Command(
      name = "set",
      description =
          "Apply a canned ACL: private, public-read, public-read-write, authenticated-read, "
              + "bucket-owner-read, bucket-owner-full-control.")
  static final class Set extends OnLocation {
    @Parameters(index = "1", paramLabel = "CANNED_ACL")
    String acl;

    @Override
    int run(ObjectStore store, S3Location where) {
      CannedAcl canned = CannedAcl.parse(acl);
      if (where.key().isEmpty()) {
        store.setBucketAcl(where.bucket(), canned);
        out().println("set ACL " + canned + " on bucket s3://" + where.bucket());
      } else {
        store.setObjectAcl(where.bucket(), where.key(), canned);
        out().println("set ACL " + canned + " on " + where);
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "get", description = "Show the owner and the grants.")
  static final class Get extends OnLocation {
    @Override
    int run(ObjectStore store, S3Location where) {
      AccessControlList acl =
          where.key().isEmpty()
              ? store.bucketAcl(where.bucket())
              : store.objectAcl(where.bucket(), where.key());
      out().println("owner: " + acl.owner());
      for (AccessControlList.Grant g : acl.grants()) {
        out().println("grant: " + g.permission() + " to " + g.grantee());
      }
      out().println("public read: " + (acl.publicRead() ? "yes" : "no"));
      return ExitCode.OK;
    }
  }

  /** An acl command about a bucket or an object, named in its first argument. */
  private abstract static class OnLocation extends S3Subcommand {
    @Parameters(index = "0", paramLabel = "s3://BUCKET[/KEY]")
    String location;

    @Override
    final int run(ObjectStore store) {
      return run(store, S3Location.parse(location));
    }

    abstract int run(ObjectStore store, S3Location where);
  }
}
