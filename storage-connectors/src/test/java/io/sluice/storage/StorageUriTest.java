package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class StorageUriTest {

  @Test
  void barePathResolvesAgainstWorkingDirectory() {
    StorageUri uri = StorageUri.parse("sample-data/x.txt");
    assertEquals(StorageUri.Scheme.FILE, uri.scheme());
    assertEquals(Paths.get("sample-data/x.txt").toAbsolutePath().toUri(), uri.hadoopUri());
    assertEquals("sample-data/x.txt", uri.original());
  }

  @Test
  void fileHdfsAndS3AreRecognised() {
    assertEquals(StorageUri.Scheme.FILE, StorageUri.parse("file:///tmp/a").scheme());
    StorageUri hdfs = StorageUri.parse("hdfs://nn:8020/data/in");
    assertEquals(StorageUri.Scheme.HDFS, hdfs.scheme());
    assertEquals("hdfs://nn:8020/data/in", hdfs.toHadoopPath().toString());
  }

  @Test
  void s3MapsToS3a() {
    StorageUri s3 = StorageUri.parse("s3://bucket/logs/2024/");
    assertEquals(StorageUri.Scheme.S3, s3.scheme());
    assertEquals("s3a://bucket/logs/2024", s3.hadoopUri().toString());
    assertEquals("s3://bucket/logs/2024/", s3.original());
  }

  @Test
  void trailingSlashNamesTheSameLocation() {
    assertEquals(StorageUri.parse("file:///tmp/out/"), StorageUri.parse("file:///tmp/out"));
    assertEquals("out", StorageUri.parse("/tmp/out/").toHadoopPath().getName());
    assertEquals(
        "file:/tmp/.out.tmp", StorageUri.parse("/tmp/out/").sibling(".out.tmp").toString());
    assertEquals("s3a://bucket/", StorageUri.parse("s3://bucket/").hadoopUri().toString());
    assertThrows(InvalidStorageUriException.class, () -> StorageUri.parse("file:///").sibling("x"));
  }

  @Test
  void siblingStaysInTheSameDirectory() {
    StorageUri out = StorageUri.parse("hdfs://nn:8020/out/wc");
    assertEquals("hdfs://nn:8020/out/.wc.tmp", out.sibling(".wc.tmp").toString());
  }

  @Test
  void badLocationsNameTheProblem() {
    InvalidStorageUriException e =
        assertThrows(InvalidStorageUriException.class, () -> StorageUri.parse("ftp://x/y"));
    assertTrue(e.getMessage().contains("ftp://x/y"), e.getMessage());
    assertTrue(e.getMessage().contains("unsupported scheme 'ftp'"), e.getMessage());
    assertThrows(InvalidStorageUriException.class, () -> StorageUri.parse("s3:///nobucket"));
    assertThrows(InvalidStorageUriException.class, () -> StorageUri.parse(" "));
  }
}
