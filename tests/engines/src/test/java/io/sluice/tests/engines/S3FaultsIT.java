package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.InvalidStorageUriException;
import io.sluice.storage.S3Credentials;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageUri;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3TestClients;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a job or a user sees when S3 misbehaves, through both ways Sluice reaches S3: Hadoop's S3A
 * connector (what MapReduce and Spark use) and the AWS SDK v2 (administration). Each case asserts
 * either a clear error naming the bucket, key or endpoint, or a transparent retry; and that no
 * half-written object is ever visible. The endpoint is the embedded S3 server (S3Proxy), so every
 * answer is a real S3 protocol answer; throttling comes from {@link SlowDownProxy} in front of it.
 */
class S3FaultsIT {

  private static final Logger LOG = LoggerFactory.getLogger(S3FaultsIT.class);
  private static final String BUCKET = "faults";
  private static final int MIB = 1024 * 1024;
  private static final java.nio.file.Path BASE =
      java.nio.file.Path.of("target/s3-faults-it").toAbsolutePath();

  private static EmbeddedS3 s3;
  private static S3Client sdk;

  @BeforeAll
  static void start() throws IOException {
    deleteTree(BASE);
    s3 = EmbeddedS3.start(BASE.resolve("s3"), 0);
    sdk = S3TestClients.of(s3.storageConfig());
    sdk.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stop() {
    if (sdk != null) {
      sdk.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  // ---- unknown scheme --------------------------------------------------------------------------

  @Test
  void anUnknownSchemeIsRejectedBeforeAnyIo() {
    InvalidStorageUriException e =
        assertThrows(
            InvalidStorageUriException.class,
            () -> StorageUri.parse("ftp://files.example.com/exports/orders.csv"));
    assertEquals(
        "invalid location 'ftp://files.example.com/exports/orders.csv': unsupported scheme 'ftp'; "
            + "use a path, file://, hdfs:// or s3://",
        e.getMessage());
    assertEquals("ftp://files.example.com/exports/orders.csv", e.location());

    // Hadoop itself, for a URI that skipped StorageUri: the scheme is named as well.
    UnsupportedFileSystemException hadoop =
        assertThrows(
            UnsupportedFileSystemException.class,
            () -> new Path("s3x://" + BUCKET + "/key").getFileSystem(s3aConf(s3.storageConfig())));
    assertTrue(hadoop.getMessage().contains("\"s3x\""), hadoop.getMessage());
  }

  // ---- missing bucket ---------------------------------------------------------------------------

  @Test
  void aMissingBucketIsNamedAndNeverCreated() throws Exception {
    String bucket = "no-such-bucket";
    Path path = new Path("s3a://" + bucket + "/out/part-00000");
    try (FileSystem fs = s3a(s3aConf(s3.storageConfig()), bucket)) {
      IOException write =
          assertThrows(
              IOException.class,
              () -> {
                try (FSDataOutputStream out = fs.create(path, true)) {
                  out.write(new byte[] {1, 2, 3});
                }
              });
      LOG.info("S3A write to a missing bucket: {}", write.toString());
      assertTrue(write.getMessage().contains(bucket), write.toString());

      IOException read = assertThrows(IOException.class, () -> fs.getFileStatus(path));
      LOG.info("S3A stat in a missing bucket: {}", read.toString());
      assertTrue(read.getMessage().contains(bucket), read.toString());
    }

    NoSuchBucketException sdkError =
        assertThrows(
            NoSuchBucketException.class,
            () ->
                sdk.putObject(
                    b -> b.bucket(bucket).key("out/part-00000"), RequestBody.fromString("x")));
    LOG.info("SDK put to a missing bucket: {}", sdkError.toString());
    assertEquals(404, sdkError.statusCode());
    assertEquals("NoSuchBucket", sdkError.awsErrorDetails().errorCode());

    // Neither client creates buckets on the side: still no such bucket, no folder for it.
    assertFalse(Files.exists(s3.dataDir().resolve(bucket)));
    assertFalse(sdk.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket)));
  }

  // ---- wrong credentials ------------------------------------------------------------------------

  @Test
  void wrongCredentialsAreAccessDeniedNamingThePathAndAreNotRetried() throws Exception {
    String key = "secret/report.csv";
    sdk.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("a,b\n"));
    StorageConfig wrongSecret =
        s3.storageConfig().withCredentials(S3Credentials.of(s3.accessKey(), "not-the-secret"));
    StorageConfig unknownKey =
        s3.storageConfig().withCredentials(S3Credentials.of("nobody", s3.secretKey()));

    for (StorageConfig wrong : List.of(wrongSecret, unknownKey)) {
      try (FileSystem fs = s3a(s3aConf(wrong), BUCKET)) {
        Path existing = new Path("s3a://" + BUCKET + "/" + key);
        long start = System.nanoTime();
        AccessDeniedException read =
            assertThrows(
                AccessDeniedException.class,
                () -> {
                  try (FSDataInputStream in = fs.open(existing)) {
                    in.read();
                  }
                });
        LOG.info("S3A read with {}: {}", wrong.credentials(), read.toString());
        assertTrue(read.getMessage().contains("s3a://" + BUCKET + "/" + key), read.toString());

        Path fresh = new Path("s3a://" + BUCKET + "/secret/new.csv");
        AccessDeniedException write =
            assertThrows(
                AccessDeniedException.class,
                () -> {
                  try (FSDataOutputStream out = fs.create(fresh, true)) {
                    out.write(new byte[] {1});
                  }
                });
        assertTrue(write.getMessage().contains(BUCKET), write.toString());
        // 403 is final: S3A does not retry it, so the error comes at once rather than after
        // minutes.
        assertTrue(seconds(start) < 10, "access denied took " + seconds(start) + " s");
      }

      try (S3Client client = S3TestClients.of(wrong)) {
        S3Exception e =
            assertThrows(S3Exception.class, () -> client.getObject(b -> b.bucket(BUCKET).key(key)));
        LOG.info("SDK read with {}: {}", wrong.credentials(), e.toString());
        assertEquals(403, e.statusCode());
        assertTrue(
            List.of("SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied")
                .contains(e.awsErrorDetails().errorCode()),
            e.awsErrorDetails().errorCode());
        assertThrows(
            S3Exception.class,
            () ->
                client.putObject(
                    b -> b.bucket(BUCKET).key("secret/new.csv"), RequestBody.fromString("x")));
      }
    }
    assertFalse(Files.exists(s3.dataDir().resolve(BUCKET).resolve("secret/new.csv")));
    assertThrows(
        NoSuchKeyException.class,
        () -> sdk.headObject(b -> b.bucket(BUCKET).key("secret/new.csv")));
  }

  // ---- endpoint down ----------------------------------------------------------------------------

  @Test
  void anEndpointThatIsDownFailsFastNamingTheEndpoint() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    URI down = URI.create("http://127.0.0.1:" + port);
    StorageConfig storage = s3.storageConfig().withS3Endpoint(down);

    Configuration conf = s3aConf(storage);
    // With StorageConfig's settings S3A retries a refused connection for over a minute (76 s
    // measured here), which is right for a job riding out an endpoint restart and wrong for a
    // test; one retry in each of S3A's two layers is enough to show the message.
    conf.set("fs.s3a.retry.limit", "1");
    conf.set("fs.s3a.retry.interval", "100ms");
    conf.set("fs.s3a.attempts.maximum", "1");
    // A refused connection fails at once. The connect and read timeouts only matter for an
    // address that does not answer at all, and S3A raises anything below 15 s to 15 s anyway.
    long start = System.nanoTime();
    try (FileSystem fs = s3a(conf, BUCKET)) {
      ConnectException e =
          assertThrows(
              ConnectException.class, () -> fs.getFileStatus(new Path("s3a://" + BUCKET + "/any")));
      LOG.info("S3A against a closed port ({} s): {}", seconds(start), e.toString());
      assertTrue(e.getMessage().contains("s3a://" + BUCKET + "/any"), e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }
    assertTrue(seconds(start) < 20, "S3A took " + seconds(start) + " s to give up");

    start = System.nanoTime();
    try (S3Client client = S3TestClients.of(storage)) {
      SdkClientException e =
          assertThrows(
              SdkClientException.class, () -> client.headObject(b -> b.bucket(BUCKET).key("any")));
      LOG.info("SDK against a closed port ({} s): {}", seconds(start), e.toString());
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }
    assertTrue(seconds(start) < 20, "the SDK took " + seconds(start) + " s to give up");
  }

  // ---- object missing ---------------------------------------------------------------------------

  @Test
  void aMissingObjectIsFileNotFoundNamingTheKey() throws Exception {
    String key = "missing/part-00000";
    try (FileSystem fs = s3a(s3aConf(s3.storageConfig()), BUCKET)) {
      Path path = new Path("s3a://" + BUCKET + "/" + key);
      FileNotFoundException open =
          assertThrows(FileNotFoundException.class, () -> fs.open(path).close());
      LOG.info("S3A open of a missing object: {}", open.toString());
      assertTrue(open.getMessage().contains("s3a://" + BUCKET + "/" + key), open.getMessage());
      FileNotFoundException stat =
          assertThrows(FileNotFoundException.class, () -> fs.getFileStatus(path));
      assertTrue(stat.getMessage().contains("s3a://" + BUCKET + "/" + key), stat.getMessage());
    }
    NoSuchKeyException get =
        assertThrows(
            NoSuchKeyException.class, () -> sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)));
    LOG.info("SDK get of a missing object: {}", get.toString());
    assertEquals(404, get.statusCode());
    assertEquals("NoSuchKey", get.awsErrorDetails().errorCode());
    assertEquals(
        404,
        assertThrows(NoSuchKeyException.class, () -> sdk.headObject(b -> b.bucket(BUCKET).key(key)))
            .statusCode());
  }

  // ---- a transfer interrupted mid-way -----------------------------------------------------------

  /**
   * S3A writes a large file as a multipart upload: parts go up while the file is written and the
   * object appears only when close() completes the upload. Here the endpoint goes away after the
   * first part landed; close() fails, and after the endpoint is back nothing is visible. The retry
   * writes the whole file again.
   */
  @Test
  void s3aUploadCutOffMidwayLeavesNoObjectAndARetryCompletes() throws Exception {
    java.nio.file.Path dataDir = BASE.resolve("cut-off");
    byte[] bytes = randomBytes(7 * MIB + 123, 11);
    String key = "cut/big.bin";
    EmbeddedS3[] endpoint = {EmbeddedS3.start(dataDir, 0)};
    int port = endpoint[0].port();
    StorageConfig storage = endpoint[0].storageConfig();
    try (S3Client admin = S3TestClients.of(storage)) {
      admin.createBucket(b -> b.bucket(BUCKET));
      Configuration conf = multipartConf(storage);
      // While the endpoint is down, fail after one short retry: the point is what is left behind.
      conf.set("fs.s3a.retry.limit", "1");
      conf.set("fs.s3a.retry.interval", "100ms");
      conf.set("fs.s3a.attempts.maximum", "0");
      FileSystem fs = s3a(conf, BUCKET);
      try {
        FSDataOutputStream out = fs.create(new Path("s3a://" + BUCKET + "/" + key), true);
        out.write(bytes, 0, 6 * MIB);
        awaitParts(admin, key, 1);
        endpoint[0].close();
        endpoint[0] = null;
        out.write(bytes, 6 * MIB, bytes.length - 6 * MIB);
        // S3A logs each failed part with its stack at WARN, and that it could not abort the upload.
        IOException e = assertThrows(IOException.class, out::close);
        LOG.info("S3A close() with the endpoint gone: {}", e.toString());
        assertTrue(
            e.getMessage().contains(key) && e.getMessage().contains("127.0.0.1:" + port),
            e.getMessage());
      } finally {
        fs.close();
      }

      // Same port and data: the same StorageConfig reaches it again.
      endpoint[0] = EmbeddedS3.start(dataDir, port);
      assertThrows(
          NoSuchKeyException.class, () -> admin.headObject(b -> b.bucket(BUCKET).key(key)));
      assertEquals(List.of(), keys(admin, BUCKET));
      assertFalse(Files.exists(dataDir.resolve(BUCKET).resolve(key)));
      // S3A could not abort its upload while the endpoint was down: the parts stay as a pending
      // upload, invisible to readers and billed on AWS until aborted (or a lifecycle rule does it).
      List<MultipartUpload> pending = pendingUploads(admin, key);
      assertEquals(1, pending.size(), pending.toString());
      for (MultipartUpload upload : pending) {
        admin.abortMultipartUpload(
            b -> b.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId()));
      }

      try (FileSystem retry = s3a(multipartConf(storage), BUCKET)) {
        Path path = new Path("s3a://" + BUCKET + "/" + key);
        try (FSDataOutputStream out = retry.create(path, true)) {
          out.write(bytes);
        }
        assertArrayEquals(bytes, readAll(retry, path));
      }
      assertArrayEquals(bytes, Files.readAllBytes(dataDir.resolve(BUCKET).resolve(key)));
      assertEquals(List.of(), pendingUploads(admin, key));
    } finally {
      if (endpoint[0] != null) {
        endpoint[0].close();
      }
    }
  }

  /**
   * A task thread interrupted (a cancelled Spark task, a shutdown) while its multipart upload is in
   * flight: close() fails with InterruptedIOException and S3A aborts the upload, so no object and
   * no pending parts remain. The retry, in a thread of its own, writes the whole file.
   */
  @Test
  void s3aWriterInterruptedBeforeCloseAbortsTheUploadAndARetryCompletes() throws Exception {
    byte[] bytes = randomBytes(7 * MIB + 5, 21);
    String key = "cut/interrupted.bin";
    Path path = new Path("s3a://" + BUCKET + "/" + key);
    try (FileSystem fs = s3a(multipartConf(s3.storageConfig()), BUCKET)) {
      Throwable outcome =
          inThread(
              () -> {
                FSDataOutputStream out = fs.create(path, true);
                out.write(bytes, 0, 6 * MIB);
                awaitParts(sdk, key, 1);
                out.write(bytes, 6 * MIB, bytes.length - 6 * MIB);
                Thread.currentThread().interrupt();
                out.close();
              });
      LOG.info("S3A close() in an interrupted thread: {}", String.valueOf(outcome));
      assertTrue(outcome instanceof InterruptedIOException, String.valueOf(outcome));
      assertFalse(keys(sdk, BUCKET).contains(key));
      assertEquals(List.of(), pendingUploads(sdk, key));
      assertFalse(Files.exists(s3.dataDir().resolve(BUCKET).resolve(key)));

      Throwable retry =
          inThread(
              () -> {
                try (FSDataOutputStream out = fs.create(path, true)) {
                  out.write(bytes);
                }
              });
      assertEquals(null, retry);
      assertArrayEquals(bytes, readAll(fs, path));
    }
  }

  /** A PUT whose body fails half-way (a disk error while reading the source) must store nothing. */
  @Test
  void sdkPutFailingMidBodyStoresNothingAndARetryCompletes() {
    byte[] bytes = randomBytes(2 * MIB, 12);
    String key = "cut/sdk-put.bin";
    RequestBody failing =
        RequestBody.fromContentProvider(
            () -> new FailingInputStream(bytes, MIB), bytes.length, "application/octet-stream");
    SdkClientException e =
        assertThrows(
            SdkClientException.class, () -> sdk.putObject(b -> b.bucket(BUCKET).key(key), failing));
    LOG.info("SDK put with a body failing half-way: {}", e.toString());
    assertThrows(NoSuchKeyException.class, () -> sdk.headObject(b -> b.bucket(BUCKET).key(key)));
    assertFalse(Files.exists(s3.dataDir().resolve(BUCKET).resolve(key)));

    sdk.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    assertArrayEquals(bytes, sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
  }

  /** An aborted multipart upload leaves nothing; a new upload of the same key completes. */
  @Test
  void sdkAbortedMultipartUploadLeavesNothingAndARetryCompletes() {
    byte[] bytes = randomBytes(6 * MIB + 7, 13);
    String key = "cut/sdk-multipart.bin";
    String abandoned = sdk.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
    sdk.uploadPart(
        b -> b.bucket(BUCKET).key(key).uploadId(abandoned).partNumber(1),
        RequestBody.fromBytes(Arrays.copyOf(bytes, 5 * MIB)));
    sdk.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(abandoned));
    assertThrows(NoSuchKeyException.class, () -> sdk.headObject(b -> b.bucket(BUCKET).key(key)));
    assertEquals(List.of(), pendingUploads(sdk, key));

    String uploadId = sdk.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
    String etag1 =
        sdk.uploadPart(
                b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(Arrays.copyOf(bytes, 5 * MIB)))
            .eTag();
    String etag2 =
        sdk.uploadPart(
                b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(Arrays.copyOfRange(bytes, 5 * MIB, bytes.length)))
            .eTag();
    // Not visible until completed: readers never see a prefix of the object.
    assertThrows(NoSuchKeyException.class, () -> sdk.headObject(b -> b.bucket(BUCKET).key(key)));
    sdk.completeMultipartUpload(
        b ->
            b.bucket(BUCKET)
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(
                    m ->
                        m.parts(
                            CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(etag2).build())));
    assertArrayEquals(bytes, sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
  }

  // ---- throttling: 503 SlowDown -----------------------------------------------------------------

  @Test
  void slowDownAnswersAreRetriedTransparently() throws Exception {
    byte[] bytes = randomBytes(256 * 1024, 14);
    try (SlowDownProxy proxy = SlowDownProxy.start(s3.endpoint())) {
      // StorageConfig's own retry settings, unchanged: this is what jobs run with.
      StorageConfig viaProxy = s3.storageConfig().withS3Endpoint(proxy.endpoint());
      Path path = new Path("s3a://" + BUCKET + "/slow/s3a.bin");
      long start = System.nanoTime();
      try (FileSystem fs = s3a(s3aConf(viaProxy), BUCKET)) {
        FSDataOutputStream out = fs.create(path, true);
        out.write(bytes);
        // Throttle the upload itself, more often than the SDK's own retries allow, so S3A's
        // retry layer has to take over as well.
        proxy.failNext(6);
        out.close();
        List<String> throttled = proxy.slowedDown();
        LOG.info(
            "S3A upload throttled {} times ({} s): {}",
            throttled.size(),
            seconds(start),
            throttled);
        assertEquals(6, throttled.size(), throttled.toString());
        assertTrue(throttled.contains("PUT /" + BUCKET + "/slow/s3a.bin"), throttled.toString());

        proxy.reset();
        proxy.failNext(3);
        assertArrayEquals(bytes, readAll(fs, path));
        assertEquals(3, proxy.slowedDown().size(), proxy.slowedDown().toString());
      }
      LOG.info("S3A write and read under throttling: {} s", seconds(start));

      proxy.reset();
      proxy.failNext(2);
      start = System.nanoTime();
      try (S3Client client = S3TestClients.of(viaProxy)) {
        client.putObject(b -> b.bucket(BUCKET).key("slow/sdk.bin"), RequestBody.fromBytes(bytes));
        assertEquals(
            List.of("PUT /" + BUCKET + "/slow/sdk.bin", "PUT /" + BUCKET + "/slow/sdk.bin"),
            proxy.slowedDown());
        proxy.failNext(2);
        assertArrayEquals(
            bytes,
            client.getObjectAsBytes(b -> b.bucket(BUCKET).key("slow/sdk.bin")).asByteArray());
        assertEquals(4, proxy.slowedDown().size(), proxy.slowedDown().toString());
      }
      LOG.info("SDK write and read under throttling: {} s", seconds(start));
      assertTrue(proxy.forwarded() > 0);
    }
    assertArrayEquals(
        bytes, Files.readAllBytes(s3.dataDir().resolve(BUCKET).resolve("slow/s3a.bin")));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** S3A settings from StorageConfig, as jobs get them; scratch buffers under target/. */
  private static Configuration s3aConf(StorageConfig storage) {
    Configuration conf = storage.applyTo(new Configuration());
    conf.set("fs.s3a.buffer.dir", BASE.resolve("s3a-buffer").toString());
    return conf;
  }

  /** S3A with the smallest multipart part size S3 allows, so a few MiB make a multipart upload. */
  private static Configuration multipartConf(StorageConfig storage) {
    Configuration conf = s3aConf(storage);
    conf.set("fs.s3a.multipart.size", "5M");
    conf.set("fs.s3a.multipart.threshold", "5M");
    return conf;
  }

  /**
   * A fresh instance: FileSystem.get() caches by bucket and would hand back another test's
   * settings.
   */
  private static FileSystem s3a(Configuration conf, String bucket) throws IOException {
    return FileSystem.newInstance(URI.create("s3a://" + bucket + "/"), conf);
  }

  private static void awaitParts(S3Client admin, String key, int parts)
      throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (MultipartUpload upload : admin.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()) {
        if (upload.key().equals(key)
            && admin
                    .listParts(b -> b.bucket(BUCKET).key(key).uploadId(upload.uploadId()))
                    .parts()
                    .size()
                >= parts) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no multipart upload of " + key + " with " + parts + " part(s) within 30 s");
  }

  private static List<MultipartUpload> pendingUploads(S3Client client, String key) {
    return client.listMultipartUploads(b -> b.bucket(BUCKET).prefix(key)).uploads().stream()
        .filter(u -> u.key().equals(key))
        .toList();
  }

  /** Work that may throw anything, for {@link #inThread}. */
  private interface Action {
    void run() throws Exception;
  }

  /** Runs {@code action} in a new thread (so an interrupt stays there); returns what it threw. */
  private static Throwable inThread(Action action) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                action.run();
              } catch (Throwable t) {
                thrown.set(t);
              }
            },
            "s3-faults-writer");
    thread.start();
    thread.join(60_000);
    assertFalse(thread.isAlive(), "writer thread still running after 60 s");
    return thrown.get();
  }

  private static List<String> keys(S3Client client, String bucket) {
    return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  private static byte[] readAll(FileSystem fs, Path path) throws IOException {
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    try (FSDataInputStream in = fs.open(path)) {
      in.transferTo(back);
    }
    return back.toByteArray();
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static double seconds(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
  }

  private static void deleteTree(java.nio.file.Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<java.nio.file.Path> paths = Files.walk(dir)) {
        for (java.nio.file.Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The source of an upload that breaks after {@code failAt} bytes, like a disk read error. */
  private static final class FailingInputStream extends InputStream {
    private final byte[] bytes;
    private final int failAt;
    private int position;

    FailingInputStream(byte[] bytes, int failAt) {
      this.bytes = bytes;
      this.failAt = failAt;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= failAt) {
        throw new IOException("source read failed at byte " + position);
      }
      int n = Math.min(len, failAt - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }
  }
}
