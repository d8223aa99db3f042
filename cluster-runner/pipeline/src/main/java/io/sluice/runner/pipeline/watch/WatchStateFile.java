package io.sluice.runner.pipeline.watch;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A watcher's state as a JSON file (Jackson). Written whole after every run: to a temporary file
 * beside it, flushed to disk, then renamed over the old one, so a crash leaves the old state or the
 * new one, never half of either. A file that is not such a state, or is another bucket's or
 * prefix's, is refused with one line naming it.
 */
public final class WatchStateFile {

  static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The file's content. */
  record Document(
      int version, String bucket, String prefix, long runs, Map<String, ObjectRecord> objects) {}

  private final Path file;

  public WatchStateFile(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** The state kept for {@code bucket}/{@code prefix}; an empty one when the file is missing. */
  public WatchState load(String bucket, String prefix) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return WatchState.empty(bucket, prefix);
    } catch (IOException e) {
      throw new WatchStateException(
          "cannot read the watch state " + file + ": " + e.getMessage(), e);
    }
    Document doc;
    try {
      doc = JSON.readValue(bytes, Document.class);
    } catch (JacksonException e) {
      throw corrupt(describe(e), e);
    } catch (IOException e) {
      throw corrupt(e.getMessage(), e);
    }
    if (doc == null || doc.bucket() == null || doc.prefix() == null || doc.objects() == null) {
      throw corrupt("'bucket', 'prefix' and 'objects' are required", null);
    }
    if (doc.version() != VERSION) {
      throw corrupt("version " + doc.version() + ", this sluice reads version " + VERSION, null);
    }
    if (!doc.bucket().equals(bucket) || !doc.prefix().equals(prefix)) {
      throw new WatchStateException(
          "the watch state "
              + file
              + " is that of s3://"
              + doc.bucket()
              + "/"
              + doc.prefix()
              + ", not s3://"
              + bucket
              + "/"
              + prefix
              + "; give another --state");
    }
    doc.objects()
        .forEach(
            (key, r) -> {
              if (r == null || r.etag() == null || r.status() == null) {
                throw corrupt("object '" + key + "' needs 'etag' and 'status'", null);
              }
            });
    return new WatchState(bucket, prefix, false, doc.runs(), doc.objects());
  }

  /** Replaces the file with {@code state}, atomically. */
  public void save(WatchState state) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
      byte[] bytes =
          JSON.writeValueAsBytes(
              new Document(VERSION, state.bucket(), state.prefix(), state.runs(), state.objects()));
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true); // on disk before the rename makes it the state
      }
      Files.move(
          temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (IOException e) {
      throw new WatchStateException(
          "cannot write the watch state " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a stray temporary file beside the state is harmless
        }
      }
    }
  }

  private WatchStateException corrupt(String why, Throwable cause) {
    return new WatchStateException(
        "the watch state "
            + file
            + " is not a sluice watch state ("
            + why
            + "); move it away to start over",
        cause);
  }

  /** Jackson's reason and where, without the source description it puts inside the reason. */
  private static String describe(JacksonException e) {
    String why =
        firstLine(e.getOriginalMessage())
            .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
            .replaceAll("\\s*\\[Source:[^\\]]*\\]", "");
    JsonLocation at = e.getLocation();
    return at == null
        ? why
        : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + why;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable JSON";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
