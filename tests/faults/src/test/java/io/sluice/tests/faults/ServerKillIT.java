package io.sluice.tests.faults;

import io.sluice.kv.EmbeddedDynamoDb;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server the step talks to dies mid-step: the embedded S3 endpoint (stopped and restarted on the
 * same port and data directory), the KV server (dynalite, SIGKILL, restarted on the same port and
 * data directory). The step may fail or ride it out; what readers see must be nothing or whole, and
 * the run after it the reference. An HDFS DataNode: {@link ServerKillMatrixIT} (only under {@code
 * -Pfault-matrix}); a Spark executor: {@link ExecutorKillIT}.
 */
class ServerKillIT extends OnFaultsS3 {

  private static Path base;

  @BeforeAll
  static void start() {
    base = startIn("server-kill");
  }

  @Test
  void s3EndpointDiesDuringCopy() throws Exception {
    Fault restartS3 = Fault.server("S3 endpoint restarted", s3::restart);
    FaultTrial.run(S3ObjectsCell.copy(s3, Inputs.binary("cp-48mb.bin", 48)), restartS3);
  }

  @Test
  void kvServerDiesDuringLoad() throws Exception {
    Path data = base.resolve("dynalite");
    EmbeddedDynamoDb[] kv = {Servers.dynamoDb(data, 0)};
    try {
      int port = kv[0].port();
      Fault killKv =
          Fault.server(
              "KV server SIGKILL",
              () -> {
                // SIGKILL of dynalite (node), found among this JVM's children by its port.
                ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(String.valueOf(port)))
                    .forEach(ProcessHandle::destroyForcibly);
                kv[0].close();
                kv[0] = Servers.dynamoDb(data, port);
              });
      FaultTrial.run(
          new KvTableCell(
              "load kv -> dynalite", Inputs.orders(3_000), "orders", kv[0].environment()),
          killKv);
    } finally {
      kv[0].close();
    }
  }
}
