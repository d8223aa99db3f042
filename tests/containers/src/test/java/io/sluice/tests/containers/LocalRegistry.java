package io.sluice.tests.containers;

import io.sluice.testing.RequiredTool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-registry (distribution 2.8) on a free port of 127.0.0.1, plain HTTP, its data in
 * a directory of the test; optionally behind htpasswd (basic) authentication. One per test class.
 */
final class LocalRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final String address;

  private LocalRegistry(Process process, String address) {
    this.process = process;
    this.address = address;
  }

  static void assumeInstalled() {
    RequiredTool.check(
        "the local registry (" + BINARY + ")",
        Files.isExecutable(BINARY),
        "sudo bin/setup.d/10-podman.sh");
  }

  /**
   * @param htpasswd a bcrypt htpasswd file to require logins from, or null for an open registry
   */
  static LocalRegistry start(Path dir, Path htpasswd) throws IOException, InterruptedException {
    assumeInstalled();
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    String auth =
        htpasswd == null
            ? ""
            : "auth:\n  htpasswd:\n    realm: sluice-test\n    path: "
                + htpasswd.toAbsolutePath()
                + "\n";
    Path config = dir.resolve("registry.yml");
    Files.writeString(
        config,
        "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("data")
            + "\n  delete:\n    enabled: true\nhttp:\n  addr: "
            + address
            + "\n"
            + auth);
    Path log = dir.resolve("registry.log");
    Process process =
        new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return new LocalRegistry(process, address);
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "docker-registry did not start: " + Files.readString(log));
        }
        Thread.sleep(200);
      }
    }
  }

  /** host:port, e.g. 127.0.0.1:40123. */
  String address() {
    return address;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
