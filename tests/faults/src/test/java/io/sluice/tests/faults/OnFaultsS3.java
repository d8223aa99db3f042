package io.sluice.tests.faults;

import java.nio.file.Path;
import org.apache.hadoop.fs.FileUtil;
import org.junit.jupiter.api.AfterAll;

/** A fault IT class's own embedded S3 endpoint, under a clean {@code target/NAME}. */
abstract class OnFaultsS3 {

  static final String BUCKET = FaultsS3.BUCKET;

  static FaultsS3 s3;

  /** Empties {@code target/name}, starts the endpoint on its {@code s3} folder; the folder. */
  static Path startIn(String name) {
    Path base = Path.of("target", name).toAbsolutePath();
    FileUtil.fullyDelete(base.toFile());
    s3 = FaultsS3.start(base.resolve("s3"));
    return base;
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
      s3 = null;
    }
  }
}
