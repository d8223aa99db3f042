package io.sluice.kv;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real DynamoDB API server on 127.0.0.1: dynalite (MIT, Node.js), which {@code bin/setup}
 * installs into {@value #TOOLS_DIR}. It runs as a child process: in memory, or on LevelDB files
 * under a data directory so tables survive a restart. {@link #close()} stops it and its children; a
 * shutdown hook does the same if the JVM exits first, so no server outlives the command.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

  /** Where bin/setup.d/20-dynalite.sh installs dynalite, relative to the project root. */
  public static final String TOOLS_DIR = ".sluice/tools/dynalite";

  /** Overrides where dynalite's cli.js is (a path), for installs outside the project. */
  public static final String DYNALITE_ENV = "SLUICE_DYNALITE";

  public static final String BIND_ADDRESS = "127.0.0.1";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDynamoDb.class);
  private static final String CLI = "node_modules/dynalite/cli.js";
  private static final long START_TIMEOUT_MILLIS = 30_000;
  private static final int FREE_PORT_TRIES = 3;

  private final Process process;
  private final int port;
  private final Path dataDir;
  private final Path log;
  private final Thread shutdownHook;

  private EmbeddedDynamoDb(Process process, int port, Path dataDir, Path log) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
    this.log = log;
    this.shutdownHook = new Thread(this::stopProcess, "sluice-dynamodb-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** An in-memory server on a free port. */
  public static EmbeddedDynamoDb startInMemory() {
    return start(null, 0);
  }

  /**
   * Starts the server and returns once it answers. {@code dataDir} null keeps tables in memory;
   * {@code port} 0 picks a free one.
   */
  public static EmbeddedDynamoDb start(Path dataDir, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("DynamoDB port must be 0..65535, got " + port);
    }
    Path node = findNode();
    Path cli = findDynalite();
    Path data = null;
    if (dataDir != null) {
      data = dataDir.toAbsolutePath().normalize();
      try {
        Files.createDirectories(data);
      } catch (IOException e) {
        throw new EmbeddedDynamoDbException(
            "cannot create the DynamoDB data directory " + data + ": " + e.getMessage(), e);
      }
    }
    if (data != null) {
      requireUnlocked(data);
    }
    EmbeddedDynamoDbException last = null;
    for (int attempt = 1; attempt <= (port == 0 ? FREE_PORT_TRIES : 1); attempt++) {
      int chosen = port == 0 ? freePort() : port;
      try {
        return launch(node, cli, data, chosen);
      } catch (EmbeddedDynamoDbException e) {
        last = e;
        if (!e.getMessage().contains("EADDRINUSE")) {
          throw e;
        }
      }
    }
    throw last;
  }

  private static EmbeddedDynamoDb launch(Path node, Path cli, Path data, int port) {
    List<String> command =
        new ArrayList<>(
            List.of(
                node.toString(),
                cli.toString(),
                "--host",
                BIND_ADDRESS,
                "--port",
                String.valueOf(port),
                // Tables become ACTIVE after this long; AWS takes seconds, a local server need not.
                "--createTableMs",
                "20",
                "--deleteTableMs",
                "20",
                "--updateTableMs",
                "20"));
    if (data != null) {
      command.add("--path");
      command.add(data.toString());
    }
    Path log;
    try {
      log = Files.createTempFile("sluice-dynalite-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new EmbeddedDynamoDbException(
          "cannot run " + node + ": " + e.getMessage() + " (run bin/setup)", e);
    }
    EmbeddedDynamoDb server = new EmbeddedDynamoDb(process, port, data, log);
    try {
      server.awaitListening();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    LOG.info(
        "DynamoDB API server (dynalite) at {} ({})",
        server.endpoint(),
        data == null ? "in memory" : "tables under " + data);
    return server;
  }

  private void awaitListening() {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new EmbeddedDynamoDbException(
            "the DynamoDB server (dynalite) exited with code "
                + process.exitValue()
                + " on start"
                + (dataDir != null ? " (is another server using " + dataDir + "?)" : "")
                + ": "
                + logTail());
      }
      if (logText().contains("listening at") && accepts()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedDynamoDbException("interrupted while starting the DynamoDB server", e);
      }
    }
    throw new EmbeddedDynamoDbException(
        "the DynamoDB server (dynalite) did not answer on port "
            + port
            + " within "
            + START_TIMEOUT_MILLIS / 1000
            + "s: "
            + logTail());
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(BIND_ADDRESS, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private String logTail() {
    String text = logText().strip();
    // The first line of a Node error names it (EADDRINUSE, LEVEL_DATABASE_NOT_OPEN, ...).
    for (String line : text.lines().toList()) {
      if (line.contains("Error") || line.contains("EADDRINUSE") || line.contains("LOCK")) {
        return line.strip();
      }
    }
    return text.isEmpty() ? "(no output)" : text.lines().reduce((a, b) -> b).orElse("").strip();
  }

  /**
   * LevelDB holds a POSIX lock on DIR/LOCK while open. A second dynalite on the same directory
   * starts but dies on its first request, so a directory in use is refused up front with a plain
   * answer.
   */
  private static void requireUnlocked(Path data) {
    Path lock = data.resolve("LOCK");
    if (!Files.exists(lock)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        throw new EmbeddedDynamoDbException(
            "the DynamoDB data directory "
                + data
                + " is in use by another server "
                + "(`sluice services up --dynamodb-port`?): export the AWS_ENDPOINT_URL_DYNAMODB it printed, or use "
                + "another directory");
      }
      held.release();
    } catch (IOException e) {
      throw new EmbeddedDynamoDbException(
          "cannot check the DynamoDB data directory " + data + ": " + e.getMessage(), e);
    }
  }

  /** The node executable on PATH; a clear "run bin/setup" when there is none. */
  static Path findNode() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "node");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new EmbeddedDynamoDbException(
        "Node.js (node) is not on the PATH; the embedded DynamoDB server needs it: "
            + "run bin/setup");
  }

  /**
   * dynalite's cli.js: $SLUICE_DYNALITE, else .sluice/tools/dynalite above the working directory or
   * this jar.
   */
  static Path findDynalite() {
    String override = System.getenv(DYNALITE_ENV);
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      Path cli = Files.isDirectory(p) ? p.resolve(CLI) : p;
      if (!Files.isRegularFile(cli)) {
        throw new EmbeddedDynamoDbException(
            DYNALITE_ENV + "=" + override + " is not dynalite's cli.js or install directory");
      }
      return cli;
    }
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    try {
      starts.add(
          Path.of(
              EmbeddedDynamoDb.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      // No code source (unusual class loader): the working directory is searched alone.
    }
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path cli = dir.resolve(TOOLS_DIR).resolve(CLI);
        if (Files.isRegularFile(cli)) {
          return cli;
        }
      }
    }
    throw new EmbeddedDynamoDbException(
        "the embedded DynamoDB server (dynalite) is not installed in "
            + TOOLS_DIR
            + " of this project: run bin/setup (or point "
            + DYNALITE_ENV
            + " at dynalite's cli.js)");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(BIND_ADDRESS))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new EmbeddedDynamoDbException(
          "cannot find a free port on " + BIND_ADDRESS + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://" + BIND_ADDRESS + ":" + port);
  }

  /** Null when tables are kept in memory. */
  public Path dataDir() {
    return dataDir;
  }

  /** A configuration that talks to this server with the local keys. */
  public DynamoDbConfig config() {
    return config(DynamoDbConfig.builder().build());
  }

  /** {@code base}'s pacing settings, pointed at this server. */
  public DynamoDbConfig config(DynamoDbConfig base) {
    return base.withLocalEndpoint(endpoint());
  }

  /** The lines a shell needs to point any DynamoDB client (AWS CLI, SDKs, sluice) here. */
  public String exportLines() {
    return String.join(
        "\n",
        "export AWS_ENDPOINT_URL_DYNAMODB=" + endpoint(),
        "export AWS_REGION=us-east-1",
        "export AWS_ACCESS_KEY_ID=" + DynamoDbConfig.LOCAL_ACCESS_KEY,
        "export AWS_SECRET_ACCESS_KEY=" + DynamoDbConfig.LOCAL_SECRET_KEY);
  }

  /** Environment variables with the same meaning as {@link #exportLines()}. */
  public Map<String, String> environment() {
    return Map.of(
        "AWS_ENDPOINT_URL_DYNAMODB",
        endpoint().toString(),
        "AWS_REGION",
        "us-east-1",
        "AWS_ACCESS_KEY_ID",
        DynamoDbConfig.LOCAL_ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY",
        DynamoDbConfig.LOCAL_SECRET_KEY);
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and the hook is running or has run.
    }
  }

  private void stopProcess() {
    if (process.isAlive()) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      children.forEach(ProcessHandle::destroy);
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          children.forEach(ProcessHandle::destroyForcibly);
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // A leftover log in the temp directory is harmless.
    }
  }
}
