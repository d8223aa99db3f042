package io.sluice.runner.s3;

import io.sluice.errors.InvalidInputException;
import io.sluice.storage.s3.LocalFileException;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.ObjectSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One side of {@code sluice s3 sync}: a local directory or an S3 prefix, and what it holds. */
sealed interface SyncTree {

  /** A file or object, by its path relative to the tree ({@code a/b.txt}). */
  record Entry(String relative, long size, Instant modified, Path file, ObjectSummary object) {}

  /** What the tree holds, by relative path, in path order. */
  SortedMap<String, Entry> list(ObjectStore store) throws IOException;

  /** Where an entry of the given relative path is (or goes) in this tree, as printed. */
  String locate(String relative);

  static SyncTree of(String text) {
    return S3Location.isS3(text)
        ? new Bucket(S3Location.parse(text))
        : new Directory(Path.of(text));
  }

  /** A local directory; one that does not exist yet is empty (a download creates it). */
  record Directory(Path root) implements SyncTree {

    @Override
    public SortedMap<String, Entry> list(ObjectStore store) throws IOException {
      SortedMap<String, Entry> entries = new TreeMap<>();
      if (!Files.exists(root)) {
        return entries;
      }
      if (!Files.isDirectory(root)) {
        throw new LocalFileException(root, "not a directory; use `sluice s3 cp` for a file", null);
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
          String relative =
              root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
          entries.put(
              relative,
              new Entry(relative, a.size(), a.lastModifiedTime().toInstant(), file, null));
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      return entries;
    }

    /**
     * Whether a relative path (an object key below the source prefix) names a file inside this
     * directory: not absolute, no {@code ..} climbing above it, not the directory itself.
     */
    boolean holds(String relative) {
      Path top = root.toAbsolutePath().normalize();
      Path file = top.resolve(relative).normalize();
      return file.startsWith(top) && !file.equals(top);
    }

    /**
     * The local file of a relative path; keys that would climb out of the directory are refused.
     */
    Path file(String relative) {
      Path file = root.resolve(relative).normalize();
      if (!holds(relative)) {
        throw new InvalidInputException(
            "object key '" + relative + "' would be written outside " + root + "; not syncing it");
      }
      return file;
    }

    @Override
    public String locate(String relative) {
      return root.resolve(relative).toString();
    }

    @Override
    public String toString() {
      return root.toString();
    }
  }

  /** The objects under an S3 prefix (the prefix taken as a "directory"). */
  record Bucket(S3Location location) implements SyncTree {

    String bucket() {
      return location.bucket();
    }

    String key(String relative) {
      return location.directoryPrefix() + relative;
    }

    @Override
    public SortedMap<String, Entry> list(ObjectStore store) {
      String prefix = location.directoryPrefix();
      SortedMap<String, Entry> entries = new TreeMap<>();
      store
          .listObjects(location.bucket(), prefix)
          // "Directory" marker objects (keys ending in /) are not files to sync.
          .filter(o -> !o.key().endsWith("/"))
          .forEach(
              o -> {
                String relative = o.key().substring(prefix.length());
                entries.put(relative, new Entry(relative, o.size(), o.lastModified(), null, o));
              });
      return entries;
    }

    @Override
    public String locate(String relative) {
      return "s3://" + location.bucket() + "/" + key(relative);
    }

    @Override
    public String toString() {
      return "s3://" + location.bucket() + "/" + location.directoryPrefix();
    }
  }
}
