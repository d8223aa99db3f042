package io.sluice.storage.s3;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param commonPrefixes the "directories" rolled up by the delimiter (each ends with it); empty
 *     without a delimiter
 * @param nextContinuationToken where the next page starts; null on the last page
 */
public record ObjectListing(
    String bucket,
    String prefix,
    String delimiter,
    List<ObjectSummary> objects,
    List<String> commonPrefixes,
    String nextContinuationToken) {

  public ObjectListing {
    objects = List.copyOf(objects);
    commonPrefixes = List.copyOf(commonPrefixes);
  }

  public boolean truncated() {
    return nextContinuationToken != null;
  }
}
