package io.sluice.storage.leftovers;

import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.PendingUpload;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * What killed runs may have left at a file, HDFS or S3 location: the staging directories and output
 * locks ({@code .NAME.sluice-lock}) beside it and below it (outputs of a folder of outputs,
 * versions of a model registry), the S3A magic committer's {@code __magic} folders, and on S3 the
 * pending multipart uploads under its prefix.
 */
public final class PathLeftovers {

  /**
   * How deep below a location to look: a registry's versions stage at {@code root/model/.x}, a
   * folder of outputs has them at {@code folder/.x}; output folders themselves are not walked.
   */
  static final int DEPTH = 2;

  private static final String MAGIC_PREFIX = "__magic";

  private PathLeftovers() {}

  /**
   * The staging and {@code __magic} folders and locks at {@code location} (see the class comment).
   */
  public static List<Leftover> find(FileSystem fs, Path location) throws IOException {
    List<Leftover> found = new ArrayList<>(StagingDirs.beside(fs, location));
    found.addAll(LockFiles.beside(fs, location));
    walk(fs, location, DEPTH, found);
    return found;
  }

  private static void walk(FileSystem fs, Path dir, int depth, List<Leftover> found)
      throws IOException {
    FileStatus[] children;
    try {
      children = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return;
    }
    for (FileStatus child : children) {
      if (LockFiles.isLock(child)) {
        LockFiles.leftover(fs, child).ifPresent(found::add);
        continue;
      }
      if (!child.isDirectory()) {
        continue;
      }
      String name = child.getPath().getName();
      if (StagingDirs.isStaging(name)) {
        found.add(StagingDirs.leftover(fs, child));
      } else if (name.startsWith(MAGIC_PREFIX)) {
        found.add(magic(fs, child.getPath()));
      } else if (depth > 1 && !name.startsWith(".") && !name.startsWith("_")) {
        walk(fs, child.getPath(), depth - 1, found);
      }
    }
  }

  /** A {@code __magic} folder, dated by its newest file (S3 folders have no time of their own). */
  private static Leftover magic(FileSystem fs, Path dir) throws IOException {
    long newest = 0;
    long bytes = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      newest = Math.max(newest, file.getModificationTime());
      bytes += file.getLen();
    }
    return new Leftover(
        "S3A magic committer folder",
        dir.toString(),
        null,
        newest,
        bytes,
        null,
        () -> fs.delete(dir, true));
  }

  /** The pending multipart uploads under {@code s3://bucket/prefix}. */
  public static List<Leftover> uploads(ObjectStore store, String bucket, String prefix) {
    List<Leftover> found = new ArrayList<>();
    for (PendingUpload upload : store.pendingUploads(bucket, prefix)) {
      found.add(
          new Leftover(
              "pending multipart upload",
              upload.uri() + " (upload " + shortId(upload.uploadId()) + ")",
              null,
              upload.initiated() == null ? 0 : upload.initiated().toEpochMilli(),
              -1,
              null,
              () -> store.abortUpload(upload)));
    }
    return found;
  }

  private static String shortId(String uploadId) {
    return uploadId.length() <= 12 ? uploadId : uploadId.substring(0, 12) + "...";
  }
}
