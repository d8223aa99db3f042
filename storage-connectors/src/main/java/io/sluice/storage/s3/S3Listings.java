package io.sluice.storage.s3;

import static io.sluice.storage.s3.S3ETags.unquote;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Object listings (ListObjectsV2): one page at a time, or every page as a lazy stream that fetches
 * the next page only when the previous one is used up.
 */
final class S3Listings {

  private final S3Client s3;
  private final S3ErrorTranslator errors;

  S3Listings(S3Client s3, S3ErrorTranslator errors) {
    this.s3 = s3;
    this.errors = errors;
  }

  ObjectListing listPage(String bucket, ListOptions options, String continuationToken) {
    ListObjectsV2Response r =
        errors.call(
            S3Operation.bucket("list", bucket),
            () ->
                s3.listObjectsV2(
                    b ->
                        b.bucket(bucket)
                            .prefix(options.prefix().isEmpty() ? null : options.prefix())
                            .delimiter(options.delimiter())
                            .maxKeys(options.pageSize())
                            .continuationToken(continuationToken)));
    List<ObjectSummary> objects =
        r.contents().stream()
            .map(
                o ->
                    new ObjectSummary(
                        bucket,
                        o.key(),
                        o.size() == null ? 0 : o.size(),
                        o.lastModified(),
                        unquote(o.eTag()),
                        null))
            .toList();
    List<String> prefixes = r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    String next = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
    if (Boolean.TRUE.equals(r.isTruncated()) && next == null) {
      throw new ObjectStoreException(
          "the S3 endpoint "
              + errors.endpointName()
              + " truncated a listing of bucket '"
              + bucket
              + "' without a continuation token; it does not implement ListObjectsV2 paging");
    }
    return new ObjectListing(
        bucket, options.prefix(), options.delimiter(), objects, prefixes, next);
  }

  Stream<ObjectListing> listPages(String bucket, ListOptions options) {
    Iterator<ObjectListing> pages =
        new Iterator<>() {
          private ObjectListing next = listPage(bucket, options, null);

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public ObjectListing next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            ObjectListing current = next;
            next =
                current.truncated()
                    ? listPage(bucket, options, current.nextContinuationToken())
                    : null;
            return current;
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
