package io.sluice.tests.faults;

import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.kv.EmbeddedDynamoDbException;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.testing.DynamoDbServer;
import io.sluice.testing.RequiredTool;
import java.nio.file.Path;
import java.util.Map;

/** Starting the servers the cells write to, and what a child CLI needs to reach them. */
final class Servers {

  private Servers() {}

  /** The embedded S3 endpoint on {@code port} (0: any free one) serving {@code dataDir}. */
  static EmbeddedS3 s3(Path dataDir, int port) {
    return EmbeddedS3.start(dataDir, port);
  }

  /** {@code AWS_ENDPOINT_URL_S3}, keys and region of the endpoint, for a child CLI. */
  static Map<String, String> s3Environment(EmbeddedS3 s3) {
    return Map.of(
        "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", s3.accessKey(),
        "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
        "AWS_REGION", s3.region());
  }

  /**
   * dynalite on {@code port} (0: any free one), its tables in {@code dataDir} (null: in memory);
   * skips, or fails under CI=true, when it is not installed.
   */
  static EmbeddedDynamoDb dynamoDb(Path dataDir, int port) {
    try {
      return dataDir == null
          ? EmbeddedDynamoDb.startInMemory()
          : EmbeddedDynamoDb.start(dataDir, port);
    } catch (EmbeddedDynamoDbException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("not installed") || message.contains("not on the PATH")) {
        throw RequiredTool.missing("dynalite", DynamoDbServer.INSTALL_HINT, message);
      }
      throw e;
    }
  }
}
