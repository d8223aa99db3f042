package io.sluice.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB file through a real S3 endpoint: multipart upload with parallel parts read from the
 * file, then a ranged parallel download, compared by SHA-256. The file is generated on disk under
 * target/ (never in memory) and deleted afterwards. Prints the throughput of both directions.
 */
class LargeTransferTest {

  private static final long SIZE = 200L * 1000 * 1000;
  private static final Path WORK = Path.of("target", "large-transfer-test");

  private static EmbeddedS3 endpoint;

  @BeforeAll
  static void start() throws IOException {
    deleteWork();
    endpoint = EmbeddedS3.start(WORK.resolve("s3"), 0);
  }

  @AfterAll
  static void stop() throws IOException {
    if (endpoint != null) {
      endpoint.close();
    }
    deleteWork();
  }

  @Test
  void twoHundredMegabytesUpAndDownInParallelParts() throws Exception {
    Path source = WORK.resolve("source.bin");
    String sourceSha = writeRandomFile(source, SIZE, 42);

    try (S3ObjectStore store = S3ObjectStore.create(endpoint.storageConfig())) {
      store.createBucket("large");
      AtomicLong maxSeen = new AtomicLong();
      TransferResult up =
          store.upload(
              source,
              "large",
              "data/source.bin",
              (done, total) -> maxSeen.accumulateAndGet(done, Math::max));
      long partSize = store.partSizeFor(SIZE);
      assertEquals((SIZE + partSize - 1) / partSize, up.parts(), "uploaded as a multipart upload");
      assertEquals(SIZE, up.bytes());
      assertEquals(SIZE, maxSeen.get(), "progress reached the whole file");
      assertTrue(up.eTag().endsWith("-" + up.parts()), up.eTag());
      assertEquals(SIZE, store.head("large", "data/source.bin").size());

      Path target = WORK.resolve("downloaded.bin");
      TransferResult down = store.download("large", "data/source.bin", target, null);
      assertTrue(down.parts() > 1, "downloaded with ranged GETs");
      assertEquals(SIZE, Files.size(target));
      assertEquals(sourceSha, sha256(target), "the downloaded bytes are the uploaded bytes");
      try (Stream<Path> files = Files.list(WORK)) {
        assertFalse(
            files.anyMatch(p -> p.getFileName().toString().endsWith(".part")),
            "no temporary file is left");
      }
      System.out.printf(
          "LargeTransferTest: %s in %d parts; %s in %d parts (parallelism %s)%n",
          up.summary(), up.parts(), down.summary(), down.parts(), "default");
    }
  }

  /** Pseudo-random bytes straight to disk, 1 MiB at a time; returns their SHA-256. */
  static String writeRandomFile(Path file, long size, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    MessageDigest sha = sha();
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long left = size;
      while (left > 0) {
        buffer.clear();
        while (buffer.remaining() >= Long.BYTES) {
          buffer.putLong(random.nextLong());
        }
        buffer.flip();
        buffer.limit((int) Math.min(buffer.limit(), left));
        sha.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
          left -= out.write(buffer);
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static String sha256(Path file) throws IOException {
    MessageDigest sha = sha();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteWork() throws IOException {
    if (!Files.exists(WORK)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(WORK)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
