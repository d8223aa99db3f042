package io.sluice.runner.s3;

import io.sluice.storage.InvalidStorageUriException;
import java.util.Locale;

/**
 * {@code s3://bucket/key} as typed on the command line. The key may be empty (the bucket itself) or
 * end with "/" (a "directory").
 */
record S3Location(String bucket, String key) {

  static boolean isS3(String text) {
    return text != null && text.regionMatches(true, 0, "s3://", 0, 5);
  }

  static S3Location parse(String text) {
    if (!isS3(text)) {
      throw new InvalidStorageUriException(String.valueOf(text), "expected s3://bucket[/key]");
    }
    String rest = text.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new InvalidStorageUriException(text, "no bucket; expected s3://bucket[/key]");
    }
    if (!bucket.equals(bucket.toLowerCase(Locale.ROOT))
        || bucket.length() < 3
        || bucket.length() > 63
        || !bucket.matches("[a-z0-9][a-z0-9.-]*[a-z0-9]")) {
      throw new InvalidStorageUriException(
          text,
          "bucket names are 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit");
    }
    return new S3Location(bucket, key);
  }

  /** A location that must name the bucket only. */
  static S3Location parseBucket(String text) {
    S3Location location = parse(text);
    if (!location.key.isEmpty()) {
      throw new InvalidStorageUriException(
          text, "expected a bucket, s3://" + location.bucket + ", not an object");
    }
    return location;
  }

  /** A location that must name an object. */
  static S3Location parseObject(String text) {
    S3Location location = parse(text);
    if (location.key.isEmpty() || location.key.endsWith("/")) {
      throw new InvalidStorageUriException(text, "expected an object, s3://bucket/key");
    }
    return location;
  }

  boolean isDirectory() {
    return key.isEmpty() || key.endsWith("/");
  }

  /** The key as a "directory" prefix: empty, or ending with "/". */
  String directoryPrefix() {
    return isDirectory() ? key : key + "/";
  }

  S3Location child(String name) {
    return new S3Location(bucket, directoryPrefix() + name);
  }

  /** The last segment of the key. */
  String name() {
    String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
