package io.sluice.storage.s3;

/**
 * What to list: keys under {@code prefix} (empty for all), rolled up at {@code delimiter} (null for
 * a recursive listing, "/" for one directory level), {@code pageSize} keys per request (1..1000; S3
 * never returns more than 1000).
 */
public record ListOptions(String prefix, String delimiter, int pageSize) {

  public static final int MAX_PAGE_SIZE = 1000;

  public ListOptions {
    prefix = prefix == null ? "" : prefix;
    if (delimiter != null && delimiter.isEmpty()) {
      delimiter = null;
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "list page size must be 1.." + MAX_PAGE_SIZE + ", got " + pageSize);
    }
  }

  /** Every key under the prefix, 1000 a page. */
  public static ListOptions recursive(String prefix) {
    return new ListOptions(prefix, null, MAX_PAGE_SIZE);
  }

  /** One level under the prefix: objects, and "directories" as common prefixes. */
  public static ListOptions directory(String prefix) {
    return new ListOptions(prefix, "/", MAX_PAGE_SIZE);
  }

  public ListOptions withPageSize(int size) {
    return new ListOptions(prefix, delimiter, size);
  }
}
