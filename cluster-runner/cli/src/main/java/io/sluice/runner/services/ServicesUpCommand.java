package io.sluice.runner.services;

import io.sluice.errors.InvalidInputException;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.kv.EmbeddedDynamoDbException;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.ReportsUnderItsName;
import io.sluice.runner.RunDefaults;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.EmbeddedS3Exception;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice services up}: the embedded S3 endpoint in the foreground until Ctrl-C or SIGTERM.
 *
 * <p>stdout carries only what a user copies into another shell: the {@code export} lines and a
 * commented example for the AWS CLI, then a commented "stopped" line at the end. Logs go to stderr.
 */
@Command(
    name = "up",
    usageHelpWidth = 110,
    description = {
      "Run the embedded S3 endpoint (and with --dynamodb-port the DynamoDB API) in the foreground "
          + "until Ctrl-C (or SIGTERM).",
      "Prints the endpoint, region and credentials as export lines. Buckets are folders under --data "
          + "and objects plain files in them; they survive a restart, as do DynamoDB tables under --dynamodb-data."
    })
public final class ServicesUpCommand extends OutputCommand implements ReportsUnderItsName {

  // Looked up when it logs: the command line builds this class's objects for every --help and
  // --version, which then need not start log4j (docs/BENCHMARKS.md, "Start-up").
  private static Logger log() {
    return LoggerFactory.getLogger(ServicesUpCommand.class);
  }

  /** MinIO's and most S3-compatible servers' port, so existing habits and scripts carry over. */
  static final int DEFAULT_S3_PORT = 9000;

  static final String DEFAULT_DATA_DIR = ".sluice/s3";
  static final String DEFAULT_DYNAMODB_DATA_DIR = ".sluice/dynamodb";

  @Option(
      names = "--s3-port",
      paramLabel = "PORT",
      defaultValue = "" + DEFAULT_S3_PORT,
      description = "Port of the S3 endpoint (default: ${DEFAULT-VALUE}; 0 picks a free port).")
  int s3Port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = DEFAULT_DATA_DIR,
      description =
          "Where buckets and objects are kept (default: ${DEFAULT-VALUE} under the working directory).")
  Path data;

  @Option(
      names = "--dynamodb-port",
      paramLabel = "PORT",
      description =
          "Also serve the DynamoDB API (dynalite, installed by bin/setup) on this port, 0 for a free one "
              + "(default: not started; 8000 is DynamoDB Local's usual port). It always listens on 127.0.0.1.")
  Integer dynamoDbPort;

  @Option(
      names = "--dynamodb-data",
      paramLabel = "DIR",
      defaultValue = DEFAULT_DYNAMODB_DATA_DIR,
      description =
          "Where DynamoDB tables are kept, the same ones `sluice kv` uses (default: ${DEFAULT-VALUE}).")
  Path dynamoDbData;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = RunDefaults.BIND_ADDRESS,
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String bind;

  @Override
  public Integer call() {
    PrintWriter out = out();
    if (s3Port < 0 || s3Port > 65_535) {
      throw new InvalidInputException("--s3-port must be 0..65535, got " + s3Port);
    }
    // An IllegalArgumentException naming --bind is a user error (exit 2) as it stands.
    InetAddress address = localAddress(bind);
    Path dataDir = data.toAbsolutePath().normalize();
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new InvalidInputException("--data " + dataDir + " is not a directory");
    }
    // Checked before starting so the common mistake (a second `up`, or MinIO on 9000) gets a plain
    // answer instead of a Jetty stack; a port taken between check and start is caught below too.
    if (s3Port != 0 && !portFree(address, s3Port)) {
      throw portInUse();
    }
    if (dynamoDbPort != null && (dynamoDbPort < 0 || dynamoDbPort > 65_535)) {
      throw new InvalidInputException("--dynamodb-port must be 0..65535, got " + dynamoDbPort);
    }
    if (dynamoDbPort != null
        && dynamoDbPort != 0
        && !portFree(InetAddress.getLoopbackAddress(), dynamoDbPort)) {
      throw new InvalidInputException(
          "port "
              + dynamoDbPort
              + " on "
              + EmbeddedDynamoDb.BIND_ADDRESS
              + " is already in use; stop what "
              + "listens there, choose another with --dynamodb-port PORT, or pass --dynamodb-port 0 for a free port");
    }

    EmbeddedS3 s3;
    try {
      s3 =
          EmbeddedS3.start(
              dataDir, bind, s3Port, EmbeddedS3.DEFAULT_ACCESS_KEY, EmbeddedS3.DEFAULT_SECRET_KEY);
    } catch (UncheckedIOException e) {
      throw new InvalidInputException(
          "cannot use --data " + dataDir + ": " + e.getCause().getMessage());
    } catch (EmbeddedS3Exception e) {
      if (causedBy(e, BindException.class)) {
        throw portInUse();
      }
      throw e;
    }

    EmbeddedDynamoDb dynamoDb = null;
    if (dynamoDbPort != null) {
      try {
        dynamoDb = EmbeddedDynamoDb.start(dynamoDbData, dynamoDbPort);
      } catch (EmbeddedDynamoDbException e) {
        s3.close();
        throw e;
      }
    }
    EmbeddedDynamoDb dynamo = dynamoDb;

    // A shutdown hook, not a signal handler: it runs for Ctrl-C, SIGTERM and System.exit alike,
    // so the endpoint's listener and open files are always released before the JVM goes.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop(s3, out);
                  if (dynamo != null) {
                    stop(dynamo, out);
                  }
                },
                "sluice-services-stop"));

    out.println(s3.exportLines());
    if (dynamo != null) {
      // Only the DynamoDB endpoint: region and keys are those printed above for S3.
      out.println("export AWS_ENDPOINT_URL_DYNAMODB=" + dynamo.endpoint());
      out.println(
          "# DynamoDB: sluice kv scan TABLE   or   aws dynamodb list-tables   (tables under "
              + dynamo.dataDir()
              + ")");
    }
    out.println(
        "# AWS CLI: aws --endpoint-url "
            + s3.endpoint()
            + " s3 ls   (objects are files under "
            + s3.dataDir()
            + "; Ctrl-C stops)");
    out.flush();
    log()
        .info(
            "S3 endpoint {} running in the foreground; Ctrl-C or SIGTERM stops it", s3.endpoint());
    try {
      // Nothing counts this down: the JVM's shutdown sequence (after the hook) ends the process
      // while this thread waits.
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCode.OK;
  }

  private static void stop(EmbeddedS3 s3, PrintWriter out) {
    // Read before close(): a stopped endpoint no longer knows its port.
    String endpoint = s3.endpoint().toString();
    try {
      s3.close();
      out.println(
          "# stopped: S3 endpoint " + endpoint + " (objects kept under " + s3.dataDir() + ")");
    } catch (RuntimeException e) {
      // Logging may already be shut down by its own hook; stdout is the one channel still certain.
      out.println("# stopped with an error: " + e.getMessage());
    }
    out.flush();
  }

  private static void stop(EmbeddedDynamoDb dynamo, PrintWriter out) {
    String endpoint = dynamo.endpoint().toString();
    try {
      dynamo.close();
      out.println(
          "# stopped: DynamoDB endpoint "
              + endpoint
              + " (tables kept under "
              + dynamo.dataDir()
              + ")");
    } catch (RuntimeException e) {
      out.println("# stopped with an error: " + e.getMessage());
    }
    out.flush();
  }

  /**
   * Resolves --bind and insists it is an address of this machine, so the error names the address.
   */
  static InetAddress localAddress(String host) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + host + " is not a known host or address");
    }
    if (address instanceof Inet6Address) {
      // The endpoint URL is built as http://HOST:PORT, which an IPv6 literal would break.
      throw new IllegalArgumentException(
          "--bind " + host + " is IPv6; the embedded S3 endpoint needs an IPv4 address");
    }
    try {
      if (!address.isAnyLocalAddress()
          && !address.isLoopbackAddress()
          && NetworkInterface.getByInetAddress(address) == null) {
        throw new IllegalArgumentException("--bind " + host + " is not an address of this machine");
      }
    } catch (SocketException e) {
      throw new IllegalArgumentException(
          "--bind " + host + ": cannot list network interfaces: " + e.getMessage());
    }
    return address;
  }

  static boolean portFree(InetAddress address, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // Jetty binds with SO_REUSEADDR too, so a port only in TIME_WAIT counts as free for both.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private InvalidInputException portInUse() {
    return new InvalidInputException(
        "port "
            + s3Port
            + " on "
            + bind
            + " is already in use; stop what listens there, choose "
            + "another with --s3-port PORT, or pass --s3-port 0 for a free port");
  }
}
