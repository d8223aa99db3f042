package io.sluice.runner.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.InvalidStorageUriException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** How {@code sluice s3} reads locations, sizes and durations. */
class S3LocationTest {

  @Test
  void locations() {
    S3Location object = S3Location.parse("s3://my-bucket/a/b.txt");
    assertEquals("my-bucket", object.bucket());
    assertEquals("a/b.txt", object.key());
    assertEquals("b.txt", object.name());
    assertFalse(object.isDirectory());
    assertEquals("a/b.txt/", object.directoryPrefix());

    S3Location dir = S3Location.parse("S3://my-bucket/a/");
    assertTrue(dir.isDirectory());
    assertEquals("s3://my-bucket/a/c.txt", dir.child("c.txt").toString());
    assertEquals("", S3Location.parseBucket("s3://my-bucket").key());
    assertEquals("", S3Location.parse("s3://my-bucket/").key());

    assertThrows(InvalidStorageUriException.class, () -> S3Location.parse("/local/path"));
    assertThrows(InvalidStorageUriException.class, () -> S3Location.parse("s3:///key"));
    assertThrows(InvalidStorageUriException.class, () -> S3Location.parse("s3://UPPER/key"));
    assertThrows(
        InvalidStorageUriException.class, () -> S3Location.parseBucket("s3://my-bucket/key"));
    assertThrows(
        InvalidStorageUriException.class, () -> S3Location.parseObject("s3://my-bucket/dir/"));
  }

  @Test
  void sizesAndDurations() {
    Units.SizeConverter size = new Units.SizeConverter();
    assertEquals(8L << 20, size.convert("8MiB"));
    assertEquals(8L << 20, size.convert("8m"));
    assertEquals(512L << 10, size.convert("512KiB"));
    assertEquals(1048576L, size.convert("1048576"));
    assertThrows(TypeConversionException.class, () -> size.convert("eight"));

    Units.DurationConverter duration = new Units.DurationConverter();
    assertEquals(Duration.ofMinutes(15), duration.convert("15m"));
    assertEquals(Duration.ofDays(7), duration.convert("7d"));
    assertEquals(Duration.ofSeconds(90), duration.convert("90s"));
    assertEquals(Duration.ofMinutes(15), duration.convert("PT15M"));
    assertThrows(TypeConversionException.class, () -> duration.convert("soon"));

    assertEquals("200.0 MiB", Units.bytes(200L << 20));
    assertEquals("999 B", Units.bytes(999));
  }
}
