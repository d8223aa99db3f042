package io.sluice.storage.s3;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** S3's canned ACLs, by the names the {@code x-amz-acl} header uses. */
public enum CannedAcl {
  PRIVATE("private"),
  PUBLIC_READ("public-read"),
  PUBLIC_READ_WRITE("public-read-write"),
  AUTHENTICATED_READ("authenticated-read"),
  BUCKET_OWNER_READ("bucket-owner-read"),
  BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control");

  private final String headerValue;

  CannedAcl(String headerValue) {
    this.headerValue = headerValue;
  }

  /** The name S3 uses, e.g. {@code public-read}. */
  public String headerValue() {
    return headerValue;
  }

  /** Parses {@code public-read} (or {@code PUBLIC_READ}); names the accepted values otherwise. */
  public static CannedAcl parse(String text) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (CannedAcl acl : values()) {
      if (acl.headerValue.equals(wanted)) {
        return acl;
      }
    }
    throw new IllegalArgumentException(
        "unknown canned ACL '"
            + text
            + "'; use one of "
            + Arrays.stream(values())
                .map(CannedAcl::headerValue)
                .collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return headerValue;
  }
}
