package io.sluice.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Creates a small file with its content in one step that fails when the file exists, so of any
 * processes creating the same path exactly one succeeds and nobody sees it empty. Hadoop's {@code
 * create(path, false)} checks and then creates on local disks and S3, which lets two creators both
 * pass; so each store gets its own atomic operation:
 *
 * <ul>
 *   <li>local disk: the content is written to a temporary file that is then hard-linked to the path
 *       ({@code link(2)} fails when the path exists);
 *   <li>S3 (S3A): a put with {@code If-None-Match: *} (S3A's conditional create; AWS S3 and the
 *       embedded S3Proxy honour it, and {@code fs.s3a.create.conditional.enabled} must not be
 *       false);
 *   <li>any other file system (HDFS): a temporary file renamed to the path, which the NameNode
 *       refuses when the path exists.
 * </ul>
 */
public final class ExclusiveCreate {

  /** Hadoop's createFile() option for a put that fails when the object exists. */
  private static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

  private ExclusiveCreate() {}

  /**
   * Creates {@code path} holding {@code content}, and its parent directories.
   *
   * @return false when the path existed (then it is left untouched)
   * @throws IOException when the store failed, not because the path existed
   */
  public static boolean create(FileSystem fs, Path path, byte[] content) throws IOException {
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      return createOnLocalDisk(fs, path, content);
    }
    if ("s3a".equals(fs.getScheme())) {
      return createOnS3(fs, path, content);
    }
    Path temporary = temporarySibling(path);
    try {
      try (OutputStream out = fs.create(temporary, false)) {
        out.write(content);
      }
      return fs.rename(temporary, path);
    } finally {
      fs.delete(temporary, false);
    }
  }

  private static boolean createOnLocalDisk(FileSystem fs, Path path, byte[] content)
      throws IOException {
    java.nio.file.Path target = java.nio.file.Path.of(fs.makeQualified(path).toUri());
    Files.createDirectories(target.getParent());
    java.nio.file.Path temporary =
        target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    Files.write(temporary, content);
    try {
      Files.createLink(target, temporary);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static boolean createOnS3(FileSystem fs, Path path, byte[] content) throws IOException {
    // A refused put makes S3A log warnings and a statistics dump: ask first; the put still decides.
    if (fs.exists(path)) {
      return false;
    }
    try {
      // overwrite(true): S3A's own existence probe would add nothing; the header decides.
      // FileSystem.createFile() returns a raw builder type: build() is an Object to Java.
      try (OutputStream out =
          (OutputStream)
              fs.createFile(path).overwrite(true).must(CONDITIONAL_CREATE, true).build()) {
        out.write(content);
      }
      return true;
    } catch (IOException e) {
      // A 412 (the object exists) surfaces from close() as an IOException whose type lives in
      // hadoop-aws; someone else's object is the proof.
      if (fs.exists(path) && !Arrays.equals(content, read(fs, path))) {
        return false;
      }
      throw new IOException(
          "cannot create "
              + path
              + " with a conditional put"
              + " (fs.s3a.create.conditional.enabled must be true): "
              + e.getMessage(),
          e);
    }
  }

  private static byte[] read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  private static Path temporarySibling(Path path) {
    return new Path(path.getParent(), "." + path.getName() + "." + UUID.randomUUID() + ".tmp");
  }
}
