package io.sluice.runner.pipeline.watch;

import io.sluice.errors.InvalidInputException;
import io.sluice.storage.s3.ListOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a watcher watches and how: {@code s3://bucket/prefix}, the state file, how often it lists,
 * whether it stops after one pass, what it does with objects present at its first start, how many
 * times a failing object is tried, and how many keys one ListObjectsV2 request returns.
 */
public record WatchConfig(
    String bucket,
    String prefix,
    Path stateFile,
    Duration interval,
    boolean once,
    ExistingObjects existing,
    int maxAttempts,
    int listPageSize) {

  /** Where default state files go, relative to the working directory. */
  public static final Path DEFAULT_STATE_DIR = Path.of(".sluice", "watch");

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** More would only delay the first run; S3 never returns more than 1000 keys a page anyway. */
  public static final int MAX_ATTEMPTS_LIMIT = 100;

  public WatchConfig {
    Objects.requireNonNull(bucket, "bucket");
    prefix = prefix == null ? "" : prefix;
    Objects.requireNonNull(stateFile, "stateFile");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(existing, "existing");
    if (bucket.isEmpty()) {
      throw new InvalidInputException(
          "watch: the location names no bucket; use s3://BUCKET/PREFIX");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new InvalidInputException("--interval must be positive, got " + interval);
    }
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new InvalidInputException(
          "--max-attempts must be 1.." + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts);
    }
    if (listPageSize < 1 || listPageSize > ListOptions.MAX_PAGE_SIZE) {
      throw new InvalidInputException(
          "--list-page-size must be 1.." + ListOptions.MAX_PAGE_SIZE + ", got " + listPageSize);
    }
  }

  /** The defaults for {@code s3://bucket/prefix}: state under {@link #DEFAULT_STATE_DIR}. */
  public static Builder builder(String bucket, String prefix) {
    return new Builder(bucket, prefix);
  }

  /** {@code s3://bucket/prefix}, as progress lines name it. */
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  /**
   * The default state file of a bucket and prefix: readable (the bucket and prefix with anything
   * but letters, digits, '.', '-' and '_' as '_') and unique (a hash of the exact pair), so two
   * prefixes that read alike never share a file.
   */
  public static Path defaultStateFile(String bucket, String prefix) {
    String readable = (bucket + "_" + prefix).replaceAll("[^A-Za-z0-9._-]", "_");
    if (readable.length() > 100) {
      readable = readable.substring(0, 100);
    }
    return DEFAULT_STATE_DIR.resolve(readable + "-" + hash(bucket + "/" + prefix) + ".json");
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Builds a {@link WatchConfig}; every field starts at its documented default. */
  public static final class Builder {
    private final String bucket;
    private final String prefix;
    private Path stateFile;
    private Duration interval = DEFAULT_INTERVAL;
    private boolean once;
    private ExistingObjects existing = ExistingObjects.RUN;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private int listPageSize = ListOptions.MAX_PAGE_SIZE;

    private Builder(String bucket, String prefix) {
      this.bucket = bucket;
      this.prefix = prefix;
    }

    /** Null for {@link #defaultStateFile}. */
    public Builder stateFile(Path file) {
      this.stateFile = file;
      return this;
    }

    public Builder interval(Duration every) {
      this.interval = every;
      return this;
    }

    public Builder once(boolean onePass) {
      this.once = onePass;
      return this;
    }

    public Builder existing(ExistingObjects policy) {
      this.existing = policy;
      return this;
    }

    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    public Builder listPageSize(int keys) {
      this.listPageSize = keys;
      return this;
    }

    public WatchConfig build() {
      Path state =
          stateFile != null ? stateFile : defaultStateFile(bucket, prefix == null ? "" : prefix);
      return new WatchConfig(
          bucket, prefix, state, interval, once, existing, maxAttempts, listPageSize);
    }
  }
}
