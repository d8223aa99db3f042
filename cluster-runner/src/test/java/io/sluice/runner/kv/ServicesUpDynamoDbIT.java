package io.sluice.runner.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyType;
import io.sluice.runner.SluiceCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code sluice services up --dynamodb-port 0} in its own JVM, as a user runs it: the printed
 * AWS_ENDPOINT_URL_DYNAMODB serves the DynamoDB API, SIGTERM stops the server process too, and the
 * tables kept under --dynamodb-data outlive it.
 */
class ServicesUpDynamoDbIT {

  @TempDir
  Path dir;

  @Test
  void upServesDynamoDbOnTheDataDirAndSigtermStopsTheServer() throws Exception {
    Path data = dir.resolve("dynamodb");
    KeySchema key = KeySchema.of(new KeyAttribute("id", KeyType.S));
    long serverPid;
    try (Up up = Up.start(dir, data)) {
      Map<String, String> env = up.exports();
      String endpoint = env.get("AWS_ENDPOINT_URL_DYNAMODB");
      assertTrue(endpoint != null && endpoint.startsWith("http://127.0.0.1:"), up.describe());
      try (DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(DynamoDbConfig.fromEnvironment(env))) {
        store.createTableIfMissing("survivors", key);
        store.put("survivors", Map.of("id", AttributeValue.fromS("a"), "v", AttributeValue.fromN("1")));
        assertEquals("1", store.get("survivors", key.keyOf("a", null)).orElseThrow().get("v").n());
      }
      assertTrue(Files.exists(data.resolve("LOCK")), "tables are kept under --dynamodb-data");
      serverPid = up.process.descendants().filter(p -> p.info().command().orElse("").endsWith("node"))
          .mapToLong(ProcessHandle::pid).findFirst().orElseThrow(() -> new AssertionError("no node child"));
      up.process.destroy();
      assertTrue(up.process.waitFor(30, TimeUnit.SECONDS), up.describe());
      assertTrue(up.stdout().contains("# stopped: DynamoDB endpoint " + endpoint), up.describe());
    }
    assertFalse(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false), "dynalite stopped with services up");
    // The tables outlive the server (restart checked in DynamoDbKeyValueStoreIT): a new embedded one reads them.
    try (io.sluice.kv.EmbeddedDynamoDb again = io.sluice.kv.EmbeddedDynamoDb.start(data, 0);
         DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(again.config())) {
      assertEquals("1", store.get("survivors", key.keyOf("a", null)).orElseThrow().get("v").n());
    }
  }

  /** The service as a child JVM (java directly, as ServicesCommandTest does, not bin/sluice). */
  private static final class Up implements AutoCloseable {
    final Process process;
    final Path out;
    final Path err;

    private Up(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    static Up start(Path dir, Path data) throws IOException, InterruptedException {
      Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
      Path jvmOpts = basedir.resolve("target/sluice.jvmopts");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "@" + jvmOpts,
          "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
          SluiceCli.class.getName(), "services", "up", "--s3-port", "0", "--data", dir.resolve("s3").toString(),
          "--dynamodb-port", "0", "--dynamodb-data", data.toString()));
      Path out = Files.createTempFile(dir, "up", ".out");
      Path err = Files.createTempFile(dir, "up", ".err");
      Process process = new ProcessBuilder(command).directory(basedir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      Up up = new Up(process, out, err);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (up.stdout().lines().noneMatch(l -> l.startsWith("# DynamoDB:"))) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          up.close();
          throw new AssertionError("services up did not print its DynamoDB endpoint\n" + up.describe());
        }
        Thread.sleep(50);
      }
      return up;
    }

    Map<String, String> exports() {
      Map<String, String> env = new LinkedHashMap<>();
      for (String line : stdout().lines().toList()) {
        if (line.startsWith("export ")) {
          int eq = line.indexOf('=');
          env.put(line.substring("export ".length(), eq), line.substring(eq + 1));
        }
      }
      return env;
    }

    String stdout() {
      return read(out);
    }

    String describe() {
      return "stdout:\n" + stdout() + "\nstderr:\n" + read(err);
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "<" + e.getMessage() + ">";
      }
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
          process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
