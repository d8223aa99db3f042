package io.sluice.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.S3Credentials;
import io.sluice.storage.StorageConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the store that need no endpoint: part sizing, ETags, value types. */
class TransferMathTest {

  private static final long MIB = S3ObjectStore.MIB;

  @TempDir Path dir;

  private static S3ObjectStore store() {
    // Building a client opens no connection; the endpoint is never contacted here.
    return S3ObjectStore.builder(
            StorageConfig.builder()
                .s3Endpoint(URI.create("http://127.0.0.1:1"))
                .pathStyleAccess(true)
                .credentials(S3Credentials.of("k", "s"))
                .build())
        .partSize(8 * MIB)
        .build();
  }

  @Test
  void partSizeGrowsOnlyToStayWithinTenThousandParts() {
    try (S3ObjectStore store = store()) {
      assertEquals(8 * MIB, store.partSizeFor(200 * MIB));
      assertEquals(8 * MIB, store.partSizeFor(10_000 * 8 * MIB));
      long huge = 5L * 1024 * 1024 * MIB; // 5 TiB, S3's largest object
      long part = store.partSizeFor(huge);
      assertEquals(0, part % MIB, "whole MiB");
      assertTrue((huge + part - 1) / part <= S3ObjectStore.MAX_PARTS);
      assertEquals(
          "AWS S3 (us-east-1)",
          S3ObjectStore.create(StorageConfig.builder().build()).endpointName());
    }
  }

  @Test
  void builderRejectsPartSizesS3WouldRefuse() {
    StorageConfig config = StorageConfig.builder().build();
    assertThrows(IllegalArgumentException.class, () -> S3ObjectStore.builder(config).partSize(MIB));
    assertThrows(
        IllegalArgumentException.class, () -> S3ObjectStore.builder(config).parallelism(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> S3ObjectStore.builder(config).copyMultipartThreshold(6L << 30));
  }

  @Test
  void multipartETagIsTheMd5OfThePartMd5s() throws Exception {
    byte[] content = new byte[(int) (5 * MIB) + 10];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    Path file = Files.write(dir.resolve("f"), content);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    byte[] first =
        MessageDigest.getInstance("MD5")
            .digest(java.util.Arrays.copyOfRange(content, 0, (int) (5 * MIB)));
    byte[] second =
        MessageDigest.getInstance("MD5")
            .digest(java.util.Arrays.copyOfRange(content, (int) (5 * MIB), content.length));
    md5.update(first);
    md5.update(second);
    assertEquals(
        HexFormat.of().formatHex(md5.digest()) + "-2", S3ETags.multipartETag(file, 5 * MIB));
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)),
        S3ETags.md5Hex(file));
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    assertTrue(S3ETags.multipartETag(empty, 5 * MIB).endsWith("-1"));
  }

  @Test
  void valueTypes() {
    assertEquals(CannedAcl.PUBLIC_READ, CannedAcl.parse("public-read"));
    assertEquals(CannedAcl.BUCKET_OWNER_FULL_CONTROL, CannedAcl.parse("BUCKET_OWNER_FULL_CONTROL"));
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> CannedAcl.parse("everyone"));
    assertTrue(
        bad.getMessage()
            .startsWith("unknown canned ACL 'everyone'; use one of private, public-read"));

    assertThrows(IllegalArgumentException.class, () -> new ListOptions("", null, 1001));
    assertEquals(new ListOptions("p/", null, 1000), new ListOptions("p/", "", 1000));

    TransferResult r =
        new TransferResult(
            TransferResult.Direction.UPLOAD,
            "b",
            "k",
            200L * 1024 * 1024,
            Duration.ofSeconds(4),
            25,
            "e-25",
            null);
    assertEquals("uploaded 209715200 bytes in 4.0 s (50.0 MiB/s)", r.summary());

    ObjectSummary multipart = new ObjectSummary("b", "k", 1, null, "abc-3", null);
    assertTrue(multipart.multipartETag());
    assertFalse(
        new ObjectSummary("b", "k", 1, null, "0cc175b9c0f1b6a831c399e269772661", null)
            .multipartETag());

    AccessControlList acl =
        new AccessControlList(
            "me", List.of(new AccessControlList.Grant(AccessControlList.ALL_USERS, "READ")));
    assertTrue(acl.publicRead());
    assertFalse(acl.publicWrite());
  }
}
