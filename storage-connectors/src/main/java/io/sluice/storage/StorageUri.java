package io.sluice.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.fs.Path;

/**
 * A location a job reads or writes, as the user wrote it and as Hadoop addresses it.
 *
 * <p>Accepted forms: bare paths (relative or absolute, resolved against the working directory),
 * {@code file://}, {@code hdfs://host:port/...}, {@code s3://bucket/key} and {@code
 * s3a://bucket/key}. {@code s3://} is mapped to Hadoop's S3A connector ({@code s3a://}) because
 * that is the connector the engines ship; the user's spelling is kept for messages.
 */
public final class StorageUri {

  /** The storage systems Sluice addresses. */
  public enum Scheme {
    FILE,
    HDFS,
    S3
  }

  private final String original;
  private final Scheme scheme;
  private final URI hadoopUri;

  private StorageUri(String original, Scheme scheme, URI hadoopUri) {
    this.original = original;
    this.scheme = scheme;
    this.hadoopUri = withoutTrailingSlash(hadoopUri);
  }

  /**
   * {@code dir/} and {@code dir} name the same location; keep one spelling so names and siblings
   * work.
   */
  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    String path = uri.getRawPath();
    if (path != null && path.length() > 1 && path.endsWith("/")) {
      return URI.create(text.substring(0, text.length() - 1));
    }
    return uri;
  }

  /**
   * Parses a user-supplied location.
   *
   * @throws InvalidStorageUriException naming the location and what is wrong with it
   */
  public static StorageUri parse(String location) {
    if (location == null || location.isBlank()) {
      throw new InvalidStorageUriException(String.valueOf(location), "location is empty");
    }
    String trimmed = location.trim();
    int colon = trimmed.indexOf("://");
    if (colon < 0) {
      if (trimmed.startsWith("file:")) {
        return fileUri(trimmed, URI.create(trimmed));
      }
      // A bare path: resolve against the working directory now, so the engines never guess.
      URI uri = Paths.get(trimmed).toAbsolutePath().normalize().toUri();
      return fileUri(trimmed, uri);
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new InvalidStorageUriException(trimmed, e.getReason());
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "file":
        return fileUri(trimmed, uri);
      case "hdfs":
        if (uri.getHost() == null) {
          throw new InvalidStorageUriException(
              trimmed, "hdfs:// needs a namenode host, e.g. hdfs://namenode:8020/path");
        }
        return new StorageUri(trimmed, Scheme.HDFS, uri);
      case "s3":
      case "s3a":
        String bucket = uri.getHost();
        if (bucket == null || bucket.isEmpty()) {
          throw new InvalidStorageUriException(
              trimmed, "s3:// needs a bucket, e.g. s3://my-bucket/prefix/");
        }
        String path =
            uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new StorageUri(trimmed, Scheme.S3, URI.create("s3a://" + bucket + path));
      default:
        throw new InvalidStorageUriException(
            trimmed, "unsupported scheme '" + scheme + "'; use a path, file://, hdfs:// or s3://");
    }
  }

  private static StorageUri fileUri(String original, URI uri) {
    return new StorageUri(original, Scheme.FILE, uri);
  }

  /** The location as the user gave it. */
  public String original() {
    return original;
  }

  public Scheme scheme() {
    return scheme;
  }

  /** The URI the Hadoop FileSystem API (and so MapReduce and Spark) uses. */
  public URI hadoopUri() {
    return hadoopUri;
  }

  public Path toHadoopPath() {
    return new Path(hadoopUri);
  }

  /** A sibling location next to this one, used for staging output before an atomic commit. */
  public Path sibling(String name) {
    Path path = toHadoopPath();
    if (path.isRoot()) {
      throw new InvalidStorageUriException(original, "a root directory cannot be a job's output");
    }
    return new Path(path.getParent(), name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StorageUri other && hadoopUri.equals(other.hadoopUri);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hadoopUri);
  }

  @Override
  public String toString() {
    return hadoopUri.toString();
  }
}
