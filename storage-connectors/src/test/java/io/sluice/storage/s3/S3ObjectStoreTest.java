package io.sluice.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.errors.EndpointUnreachableException;
import io.sluice.storage.S3Credentials;
import io.sluice.storage.StorageConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link S3ObjectStore} against a real S3 REST endpoint: {@link EmbeddedS3} (S3Proxy on the
 * filesystem), started once for the class. Each test works in buckets of its own.
 */
class S3ObjectStoreTest {

  @TempDir static Path data;

  @TempDir Path dir;

  private static EmbeddedS3 endpoint;
  private static S3ObjectStore store;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    endpoint = EmbeddedS3.start(data.resolve("s3"), 0);
    store =
        S3ObjectStore.builder(endpoint.storageConfig())
            .multipartThreshold(5 * S3ObjectStore.MIB)
            .partSize(5 * S3ObjectStore.MIB)
            .parallelism(4)
            .build();
  }

  @AfterAll
  static void stop() {
    if (store != null) {
      store.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  private static String bucket(String name) {
    store.createBucket(name);
    return name;
  }

  private Path file(String name, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void bucketsAreCreatedListedAndDeletedOnlyWhenEmptyUnlessForced() {
    String b = bucket("lifecycle");
    assertTrue(store.bucketExists(b));
    assertTrue(store.listBuckets().stream().anyMatch(s -> s.name().equals(b)));
    BucketAlreadyExistsException exists =
        assertThrows(BucketAlreadyExistsException.class, () -> store.createBucket(b));
    assertTrue(
        exists
            .getMessage()
            .startsWith("bucket 'lifecycle' already exists at " + endpoint.endpoint()),
        exists.getMessage());

    store.putObject(b, "a/one.txt", "1".getBytes(StandardCharsets.UTF_8));
    BucketNotEmptyException notEmpty =
        assertThrows(BucketNotEmptyException.class, () -> store.deleteBucket(b, false));
    assertEquals(
        "bucket 'lifecycle' is not empty (it holds s3://lifecycle/a/one.txt); delete its objects first or "
            + "force the deletion",
        notEmpty.getMessage());
    assertTrue(store.bucketExists(b));

    store.deleteBucket(b, true);
    assertFalse(store.bucketExists(b));
  }

  @Test
  void missingBucketsAndObjectsAreNamed() {
    String b = bucket("present");
    NoSuchBucketException noBucket =
        assertThrows(NoSuchBucketException.class, () -> store.head("absent", "k"));
    assertEquals("bucket 'absent' does not exist at " + endpoint.endpoint(), noBucket.getMessage());
    assertEquals("absent", noBucket.bucket());
    assertThrows(
        NoSuchBucketException.class,
        () -> store.listPage("absent", ListOptions.recursive(""), null));
    assertThrows(NoSuchBucketException.class, () -> store.deleteBucket("absent", false));
    assertThrows(NoSuchBucketException.class, () -> store.putObject("absent", "k", new byte[1]));

    NoSuchObjectException noKey =
        assertThrows(NoSuchObjectException.class, () -> store.head(b, "dir/missing.txt"));
    assertEquals(
        "object s3://present/dir/missing.txt does not exist at " + endpoint.endpoint(),
        noKey.getMessage());
    assertThrows(
        NoSuchObjectException.class,
        () -> store.download(b, "dir/missing.txt", dir.resolve("x"), null));
    assertFalse(Files.exists(dir.resolve("x")));
    assertFalse(store.objectExists(b, "dir/missing.txt"));
  }

  @Test
  void unreachableEndpointAndWrongCredentialsAreExplained() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    StorageConfig nowhere =
        endpoint.storageConfig().withS3Endpoint(URI.create("http://127.0.0.1:" + port));
    try (S3ObjectStore dead = S3ObjectStore.create(nowhere)) {
      EndpointUnreachableException e =
          assertThrows(EndpointUnreachableException.class, () -> dead.bucketExists("b"));
      assertTrue(
          e.getMessage().startsWith("cannot reach the S3 endpoint http://127.0.0.1:" + port + ": "),
          e.getMessage());
    }
    bucket("guarded");
    StorageConfig wrongKeys =
        endpoint.storageConfig().withCredentials(S3Credentials.of("sluice", "not-the-secret"));
    try (S3ObjectStore denied = S3ObjectStore.create(wrongKeys)) {
      AccessDeniedException e =
          assertThrows(
              AccessDeniedException.class, () -> denied.putObject("guarded", "k", new byte[1]));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "access denied to put s3://guarded/k at "
                      + endpoint.endpoint()
                      + " for access key sluice (SignatureDoesNotMatch)"),
          e.getMessage());
    }
  }

  @Test
  void smallUploadIsOnePutWhoseETagIsTheMd5AndDownloadsVerifyIt() throws IOException {
    String b = bucket("small");
    Path source = file("small.bin", 100_000, 1);
    AtomicLong seen = new AtomicLong();
    TransferResult up =
        store.upload(
            source, b, "x/small.bin", (done, total) -> seen.accumulateAndGet(done, Math::max));
    assertEquals(1, up.parts());
    assertEquals(100_000, up.bytes());
    assertEquals(100_000, seen.get());
    assertEquals(S3ETags.md5Hex(source), up.eTag());

    ObjectSummary head = store.head(b, "x/small.bin");
    assertEquals(100_000, head.size());
    assertFalse(head.multipartETag());
    assertEquals(
        up.eTag(),
        head.eTag(),
        "HEAD returns the ETag, so downloads are pinned to it and MD5-checked");

    Path target = dir.resolve("out/small.bin");
    TransferResult down = store.download(b, "x/small.bin", target, null);
    assertEquals(1, down.parts());
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(target));
    assertTrue(down.summary().startsWith("downloaded 100000 bytes in "), down.summary());
    // Only the target is left: the temporary file was moved into place.
    try (var files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList());
    }
  }

  @Test
  void emptyFileRoundTrips() throws IOException {
    String b = bucket("empty");
    Path source = Files.write(dir.resolve("empty"), new byte[0]);
    store.upload(source, b, "empty", null);
    Path target = dir.resolve("empty.out");
    assertEquals(0, store.download(b, "empty", target, null).bytes());
    assertEquals(0, Files.size(target));
  }

  @Test
  void multipartUploadAndRangedDownloadOfAFewParts() throws IOException {
    String b = bucket("parts");
    Path source = file("parts.bin", 12 * 1024 * 1024 + 123, 2);
    TransferResult up = store.upload(source, b, "parts.bin", null);
    assertEquals(3, up.parts());
    assertEquals(12 * 1024 * 1024 + 123, store.head(b, "parts.bin").size());
    assertEquals(
        S3ETags.multipartETag(source, 5 * S3ObjectStore.MIB),
        up.eTag(),
        "the multipart ETag is md5(part md5s)-parts, as on AWS");

    Path target =
        Files.write(dir.resolve("parts.out"), "older content".getBytes(StandardCharsets.UTF_8));
    TransferResult down = store.download(b, "parts.bin", target, null);
    assertEquals(3, down.parts());
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(target));
  }

  @Test
  @SuppressWarnings(
      "deprecation") // ApacheHttpClient: the client this module uses, see S3ObjectStore
  void interruptedMultipartUploadIsAbortedAndLeavesNothing() throws Exception {
    String b = bucket("aborted");
    Path source = file("abort.bin", 30 * 1024 * 1024, 3);
    Thread caller = Thread.currentThread();
    AtomicLong interruptedAt = new AtomicLong(-1);
    TransferFailedException e =
        assertThrows(
            TransferFailedException.class,
            () ->
                store.upload(
                    source,
                    b,
                    "abort.bin",
                    (done, total) -> {
                      if (done > 6 * 1024 * 1024 && interruptedAt.compareAndSet(-1, done)) {
                        caller.interrupt();
                      }
                    }));
    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    assertTrue(
        e.getMessage().contains("was interrupted; the multipart upload was aborted"),
        e.getMessage());
    assertFalse(store.objectExists(b, "abort.bin"));
    try (S3ObjectStore probe = S3ObjectStore.create(endpoint.storageConfig())) {
      // Nothing is left to complete: an aborted upload's parts are gone.
      var uploads =
          software.amazon.awssdk.services.s3.S3Client.builder()
              .endpointOverride(endpoint.endpoint())
              .forcePathStyle(true)
              .region(software.amazon.awssdk.regions.Region.US_EAST_1)
              .credentialsProvider(endpoint.storageConfig().credentials().provider())
              .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.builder().build())
              .build();
      try (uploads) {
        assertEquals(List.of(), uploads.listMultipartUploads(r -> r.bucket(b)).uploads());
      }
      assertTrue(probe.bucketExists(b));
    }
  }

  @Test
  void multipartUploadOfAFileThatShrinksIsAbortedAndLeavesNothing() throws Exception {
    String b = bucket("shrinking");
    Path source = file("shrink.bin", 20 * 1024 * 1024, 5);
    AtomicLong truncated = new AtomicLong(-1);
    // One part at a time, so parts are still unread when the first one has been sent; the SDK
    // checks
    // each part against the file's size and time at the start.
    try (S3ObjectStore oneAtATime =
        S3ObjectStore.builder(endpoint.storageConfig())
            .partSize(5 * 1024 * 1024)
            .parallelism(1)
            .build()) {
      ObjectStoreException e =
          assertThrows(
              ObjectStoreException.class,
              () ->
                  oneAtATime.upload(
                      source,
                      b,
                      "shrink.bin",
                      (done, total) -> {
                        if (done > 0 && truncated.compareAndSet(-1, done)) {
                          try (var channel =
                              java.nio.channels.FileChannel.open(
                                  source, java.nio.file.StandardOpenOption.WRITE)) {
                            channel.truncate(7 * 1024 * 1024);
                          } catch (IOException x) {
                            throw new java.io.UncheckedIOException(x);
                          }
                        }
                      }));
      assertTrue(e.getMessage().contains("shrink.bin"), e.getMessage());
    }
    assertFalse(
        store.objectExists(b, "shrink.bin"), "a failed multipart upload is never completed");
    store.deleteBucket(b, false);
  }

  @Test
  void listingPagesThroughMoreThanAThousandKeysAndDeletePrefixBatches() throws Exception {
    String b = bucket("many");
    // S3Proxy's filesystem backend serves a bucket's files as its objects. Writing 1100 files
    // directly takes milliseconds where 1100 PUTs take seconds on this machine; the listing and
    // the batched deletes below are real S3 requests either way.
    Path logs = Files.createDirectories(endpoint.dataDir().resolve(b).resolve("logs"));
    for (int i = 0; i < 1100; i++) {
      Files.write(logs.resolve(String.format("%04d.txt", i)), new byte[] {(byte) i});
    }
    store.putObject(b, "logs/sub/deeper.txt", new byte[1]);
    store.putObject(b, "other/keep.txt", new byte[1]);

    List<ObjectListing> pages = store.listPages(b, new ListOptions("logs/", null, 100)).toList();
    assertEquals(12, pages.size());
    assertTrue(pages.subList(0, 11).stream().allMatch(ObjectListing::truncated));
    assertNull(pages.get(11).nextContinuationToken());
    List<String> keys =
        pages.stream().flatMap(p -> p.objects().stream()).map(ObjectSummary::key).toList();
    assertEquals(1101, keys.size());
    assertEquals(keys.stream().sorted().toList(), keys, "keys come in order");
    assertEquals(1101, keys.stream().distinct().count());

    ObjectListing directory =
        store.listPage(b, ListOptions.directory("logs/").withPageSize(1000), null);
    assertEquals(
        List.of("logs/sub/"),
        store
            .listPages(b, ListOptions.directory("logs/"))
            .flatMap(p -> p.commonPrefixes().stream())
            .toList());
    assertEquals(1000, directory.objects().size());
    assertEquals(
        List.of("logs/", "other/"),
        store.listPage(b, ListOptions.directory(""), null).commonPrefixes());

    assertEquals(1101, store.deletePrefix(b, "logs/"));
    assertEquals(
        List.of("other/keep.txt"), store.listObjects(b, "").map(ObjectSummary::key).toList());
    assertEquals(0, store.deletePrefix(b, "logs/"));
  }

  @Test
  void copyWithinAndAcrossBuckets() throws IOException {
    String a = bucket("copy-a");
    String c = bucket("copy-c");
    store.putObject(a, "src.txt", "copied text".getBytes(StandardCharsets.UTF_8));
    TransferResult r = store.copy(a, "src.txt", c, "dst/copy.txt", null);
    assertEquals(11, r.bytes());
    assertEquals(
        "copied text",
        new String(store.readObject(c, "dst/copy.txt", null, 100), StandardCharsets.UTF_8));
    store.copy(a, "src.txt", a, "again.txt", null);
    assertTrue(store.objectExists(a, "again.txt"));
    NoSuchObjectException missing =
        assertThrows(NoSuchObjectException.class, () -> store.copy(a, "nope.txt", c, "x", null));
    assertEquals(
        "object s3://copy-a/nope.txt does not exist at " + endpoint.endpoint(),
        missing.getMessage());
    assertThrows(
        NoSuchBucketException.class, () -> store.copy(a, "src.txt", "no-such-target", "x", null));
  }

  @Test
  void multipartCopyAboveTheThreshold() throws IOException {
    String b = bucket("bigcopy");
    Path source = file("bigcopy.bin", 11 * 1024 * 1024, 4);
    store.upload(source, b, "src.bin", null);
    try (S3ObjectStore copier =
        S3ObjectStore.builder(endpoint.storageConfig())
            .partSize(5 * S3ObjectStore.MIB)
            .copyMultipartThreshold(5 * S3ObjectStore.MIB)
            .build()) {
      TransferResult r = copier.copy(b, "src.bin", b, "dst.bin", null);
      assertEquals(3, r.parts());
    }
    Path target = dir.resolve("bigcopy.out");
    store.download(b, "dst.bin", target, null);
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(target));
  }

  @Test
  void presignedUrlsWorkWithAPlainHttpClient() throws Exception {
    String b = bucket("presigned");
    URL put = store.presignPut(b, "up/hello.txt", Duration.ofMinutes(15));
    assertTrue(
        put.toString().startsWith(endpoint.endpoint() + "/presigned/up/hello.txt?"),
        put.toString());
    assertTrue(put.getQuery().contains("X-Amz-Expires=900"), put.getQuery());
    HttpResponse<String> putResponse =
        HTTP.send(
            HttpRequest.newBuilder(put.toURI())
                .PUT(HttpRequest.BodyPublishers.ofString("hello from a presigned PUT"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, putResponse.statusCode(), putResponse.body());

    URL get = store.presignGet(b, "up/hello.txt", Duration.ofMinutes(1));
    HttpResponse<String> getResponse =
        HTTP.send(
            HttpRequest.newBuilder(get.toURI()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, getResponse.statusCode());
    assertEquals("hello from a presigned PUT", getResponse.body());

    // Without the signature the same object is refused: the URL is what grants access.
    URI unsigned = URI.create(endpoint.endpoint() + "/presigned/up/hello.txt");
    assertEquals(
        403,
        HTTP.send(
                HttpRequest.newBuilder(unsigned).GET().build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode());
    assertThrows(
        IllegalArgumentException.class, () -> store.presignGet(b, "k", Duration.ofDays(8)));
  }

  @Test
  void cannedAclsOnObjectsAndBuckets() throws Exception {
    String b = bucket("acl");
    store.putObject(b, "doc.txt", "public text".getBytes(StandardCharsets.UTF_8));
    assertFalse(store.objectAcl(b, "doc.txt").publicRead());

    store.setObjectAcl(b, "doc.txt", CannedAcl.PUBLIC_READ);
    AccessControlList acl = store.objectAcl(b, "doc.txt");
    assertTrue(acl.publicRead(), acl.toString());
    HttpResponse<String> anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(endpoint.endpoint() + "/acl/doc.txt")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, anonymous.statusCode(), "a public-read object is readable without signing");
    assertEquals("public text", anonymous.body());

    store.setObjectAcl(b, "doc.txt", CannedAcl.PRIVATE);
    assertFalse(store.objectAcl(b, "doc.txt").publicRead());

    store.setBucketAcl(b, CannedAcl.PUBLIC_READ);
    assertTrue(store.bucketAcl(b).publicRead());
    store.setBucketAcl(b, CannedAcl.PRIVATE);
    assertFalse(store.bucketAcl(b).publicRead());
    assertThrows(
        NoSuchObjectException.class, () -> store.setObjectAcl(b, "missing", CannedAcl.PRIVATE));
  }

  @Test
  void versioningAndPoliciesAreReportedAsNotImplementedByEmbeddedS3() {
    String b = bucket("features");
    String prefix = "the S3 endpoint " + endpoint.endpoint() + " does not implement ";
    FeatureNotSupportedException enable =
        assertThrows(
            FeatureNotSupportedException.class,
            () -> store.setVersioning(b, VersioningState.ENABLED));
    assertEquals(prefix + "bucket versioning (HTTP 501 NotImplemented)", enable.getMessage());
    assertEquals("bucket versioning", enable.feature());

    FeatureNotSupportedException versions =
        assertThrows(FeatureNotSupportedException.class, () -> store.listVersions(b, "").toList());
    assertTrue(
        versions.getMessage().startsWith(prefix + "bucket versioning"), versions.getMessage());

    FeatureNotSupportedException policy =
        assertThrows(
            FeatureNotSupportedException.class,
            () -> store.putBucketPolicy(b, "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
    assertEquals(prefix + "bucket policies (HTTP 501 NotImplemented)", policy.getMessage());
    // S3Proxy answers GetBucketPolicy with its "NoSuchPolicy" (AWS says NoSuchBucketPolicy): no
    // policy.
    assertEquals(java.util.Optional.empty(), store.bucketPolicy(b));
    assertThrows(FeatureNotSupportedException.class, () -> store.deleteBucketPolicy(b));
    assertThrows(IllegalArgumentException.class, () -> store.putBucketPolicy(b, "not json"));
    // A bucket without versioning can still be force-deleted.
    store.putObject(b, "k", new byte[1]);
    store.deleteBucket(b, true);
    assertNotEquals(true, store.bucketExists(b));
  }
}
