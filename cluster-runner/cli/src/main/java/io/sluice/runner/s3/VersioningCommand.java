package io.sluice.runner.s3;

import io.sluice.runner.CommandGroup;
import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.ObjectVersion;
import io.sluice.storage.s3.VersioningState;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice s3 versioning enable|suspend|status|list}. */
@Command(
    name = "versioning",
    description = "Bucket versioning: enable, suspend, show the state, list an object's versions.",
    subcommands = {
      VersioningCommand.Enable.class,
      VersioningCommand.Suspend.class,
      VersioningCommand.Status.class,
      VersioningCommand.ListVersions.class
    })
final class VersioningCommand extends CommandGroup {

  @Command(name = "enable", description = "Keep every version of every object.")
  static final class Enable extends SetState {
    Enable() {
      super(VersioningState.ENABLED);
    }
  }

  @Command(
      name = "suspend",
      description =
          "Stop keeping new versions; existing versions stay. (Versioning cannot be turned off.)")
  static final class Suspend extends SetState {
    Suspend() {
      super(VersioningState.SUSPENDED);
    }
  }

  /** Enable and suspend: set the state, print it as status does. */
  private abstract static class SetState extends BucketSubcommand {
    private final VersioningState state;

    SetState(VersioningState state) {
      this.state = state;
    }

    @Override
    int run(ObjectStore store, String bucket) {
      store.setVersioning(bucket, state);
      out().println(describe(bucket, state));
      return ExitCode.OK;
    }
  }

  @Command(name = "status", description = "Show whether versioning is on.")
  static final class Status extends BucketSubcommand {

    @Override
    int run(ObjectStore store, String bucket) {
      out().println(describe(bucket, store.versioning(bucket)));
      return ExitCode.OK;
    }
  }

  private static String describe(String bucket, VersioningState state) {
    return "versioning of s3://" + bucket + ": " + state.name().toLowerCase(Locale.ROOT);
  }

  @Command(
      name = "list",
      description = {
        "List the versions (and delete markers) of an object, newest first.",
        "s3://bucket/dir/ (ending in /) lists every object under the prefix."
      })
  static final class ListVersions extends S3Subcommand {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Parameters(index = "0", paramLabel = "s3://BUCKET/KEY")
    String location;

    @Override
    int run(ObjectStore store) {
      S3Location where = S3Location.parse(location);
      boolean exact = !where.isDirectory();
      Iterator<ObjectVersion> versions = store.listVersions(where.bucket(), where.key()).iterator();
      int shown = 0;
      while (versions.hasNext()) {
        ObjectVersion v = versions.next();
        // The listing is by prefix: doc.txt would also match doc.txt.bak.
        if (exact && !v.key().equals(where.key())) {
          continue;
        }
        out()
            .printf(
                "%s %12s %-36s %-6s %s%n",
                v.lastModified() == null ? " ".repeat(19) : TIME.format(v.lastModified()),
                v.deleteMarker() ? "(deleted)" : String.valueOf(v.size()),
                v.versionId(),
                v.latest() ? "latest" : "",
                v.key());
        shown++;
      }
      if (shown == 0 && exact) {
        err().println(spec.qualifiedName(" ") + ": no versions of " + where);
      }
      return ExitCode.OK;
    }
  }
}
