package io.sluice.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bucket versioning for real, against S3Mock in a separate JVM (EmbeddedS3 answers it with 501).
 * Skipped, with the reason, only when S3Mock cannot be built from Maven Central here. An IT here
 * rather than a storage-connectors unit test: S3Mock's JVM takes seconds to start, and the modules
 * after storage-connectors would wait for it; its fixture, S3MockServer, comes in that module's
 * test-jar.
 */
class S3MockVersioningIT {

  private static S3MockServer server;
  private static S3ObjectStore store;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    String unavailable = S3MockServer.prepare();
    Assumptions.assumeTrue(unavailable == null, () -> "S3Mock unavailable: " + unavailable);
    server = S3MockServer.start();
    store = S3ObjectStore.create(server.storageConfig());
  }

  @AfterAll
  static void stop() throws Exception {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void versionsAreKeptListedAndReadable() throws Exception {
    store.createBucket("versioned");
    assertEquals(VersioningState.UNVERSIONED, store.versioning("versioned"));
    store.setVersioning("versioned", VersioningState.ENABLED);
    assertEquals(VersioningState.ENABLED, store.versioning("versioned"));

    ObjectSummary first = store.putObject("versioned", "doc.txt", text("first"));
    Path second = Files.writeString(dir.resolve("second.txt"), "second");
    TransferResult upload = store.upload(second, "versioned", "doc.txt", null);
    assertNotNull(first.versionId());
    assertNotNull(upload.versionId());
    assertNotEquals(first.versionId(), upload.versionId());

    List<ObjectVersion> versions = store.listVersions("versioned", "doc.txt").toList();
    assertEquals(2, versions.size(), versions.toString());
    assertEquals(upload.versionId(), versions.get(0).versionId(), "newest first");
    assertTrue(versions.get(0).latest());
    assertFalse(versions.get(1).latest());
    assertEquals(first.versionId(), versions.get(1).versionId());

    // The current object is the second; the first is still there by its version id.
    assertEquals(
        "second",
        new String(store.readObject("versioned", "doc.txt", null, 100), StandardCharsets.UTF_8));
    assertEquals(
        "first",
        new String(
            store.readObject("versioned", "doc.txt", first.versionId(), 100),
            StandardCharsets.UTF_8));
    Path old = dir.resolve("old.txt");
    TransferResult download = store.download("versioned", "doc.txt", first.versionId(), old, null);
    assertEquals("first", Files.readString(old));
    assertEquals(first.versionId(), download.versionId());

    NoSuchObjectException noVersion =
        assertThrows(
            NoSuchObjectException.class,
            () ->
                store.download("versioned", "doc.txt", "no-such-version", dir.resolve("x"), null));
    assertTrue(
        noVersion
            .getMessage()
            .startsWith("version no-such-version of object s3://versioned/doc.txt does not exist"),
        noVersion.getMessage());

    // Deleting the key leaves a delete marker on top; the versions underneath remain.
    store.deleteObject("versioned", "doc.txt");
    assertFalse(store.objectExists("versioned", "doc.txt"));
    List<ObjectVersion> after = store.listVersions("versioned", "doc.txt").toList();
    assertTrue(after.stream().anyMatch(v -> v.deleteMarker() && v.latest()), after.toString());
    assertEquals(
        "first",
        new String(
            store.readObject("versioned", "doc.txt", first.versionId(), 100),
            StandardCharsets.UTF_8));

    store.setVersioning("versioned", VersioningState.SUSPENDED);
    assertEquals(VersioningState.SUSPENDED, store.versioning("versioned"));
    assertThrows(
        IllegalArgumentException.class,
        () -> store.setVersioning("versioned", VersioningState.UNVERSIONED));

    // A forced delete removes every version and marker, or the bucket could not go.
    store.deleteBucket("versioned", true);
    assertFalse(store.bucketExists("versioned"));
  }

  @Test
  void bucketPoliciesAreNotImplementedByS3MockEither() {
    store.createBucket("policy");
    String prefix = "the S3 endpoint " + server.endpoint() + " does not implement bucket policies ";
    FeatureNotSupportedException put =
        assertThrows(
            FeatureNotSupportedException.class,
            () -> store.putBucketPolicy("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
    assertEquals(prefix + "(it answered HTTP 400 without an S3 error code)", put.getMessage());
    // S3Mock routes GET ?policy to ListObjects; a listing is not mistaken for a policy.
    FeatureNotSupportedException get =
        assertThrows(FeatureNotSupportedException.class, () -> store.bucketPolicy("policy"));
    assertEquals(
        prefix + "(GetBucketPolicy was answered with an XML document instead of a policy)",
        get.getMessage());
  }
}
