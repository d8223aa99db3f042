package io.sluice.tests.faults;

import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3TestClients;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The embedded S3 endpoint of a test class with its bucket {@value #BUCKET}, an SDK client of it,
 * and the environment a child CLI reaches it with; {@link #restart()} brings it back on the same
 * port and data directory.
 */
final class FaultsS3 implements AutoCloseable {

  static final String BUCKET = "faults";

  private final Path dataDir;
  private final S3Client client;
  private EmbeddedS3 server;

  private FaultsS3(Path dataDir, EmbeddedS3 server) {
    this.dataDir = dataDir;
    this.server = server;
    this.client = S3TestClients.of(server.storageConfig());
  }

  static FaultsS3 start(Path dataDir) {
    FaultsS3 s3 = new FaultsS3(dataDir, Servers.s3(dataDir, 0));
    s3.client.createBucket(b -> b.bucket(BUCKET));
    return s3;
  }

  EmbeddedS3 server() {
    return server;
  }

  S3Client client() {
    return client;
  }

  Map<String, String> environment() {
    return Servers.s3Environment(server);
  }

  /** Stops the endpoint and starts it again on the same port and data directory. */
  void restart() {
    int port = server.port();
    server.close();
    server = Servers.s3(dataDir, port);
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      server.close();
    }
  }
}
