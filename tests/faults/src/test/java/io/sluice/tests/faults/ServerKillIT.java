package io.sluice.tests.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.testing.SluiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server the step talks to dies mid-step: the embedded S3 endpoint (stopped and restarted on the
 * same port and data directory), the KV server (dynalite, SIGKILL, restarted on the same port and
 * data directory), an HDFS DataNode (stopped, 3 DataNodes, replication 2). The step may fail or
 * ride it out; what readers see must be nothing or whole, and the run after it the reference.
 */
class ServerKillIT extends OnFaultsS3 {

  private static Path base;

  @BeforeAll
  static void start() {
    base = startIn("server-kill");
  }

  @Test
  void s3EndpointDiesDuringCopy() throws Exception {
    Path file = Inputs.binary("cp-48mb.bin", 48);
    Fault restartS3 = serverFault("S3 endpoint restarted", s3::restart);
    FaultTrial.run(
        new S3ObjectsCell(
            "s3 cp -> s3",
            List.of("s3", "cp", file.toString(), "s3://" + BUCKET + "/cp/cp-48mb.bin"),
            s3.client(),
            BUCKET,
            "cp/",
            s3.environment(),
            true),
        restartS3);
  }

  @Test
  void kvServerDiesDuringLoad() throws Exception {
    Path data = base.resolve("dynalite");
    EmbeddedDynamoDb[] kv = {Servers.dynamoDb(data, 0)};
    try {
      int port = kv[0].port();
      Fault killKv =
          serverFault(
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

  @Test
  void dataNodeDiesDuringJob() throws Exception {
    assumeTrue(KillSchedule.full(), "-Pfault-matrix");
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("minidfs").toString());
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(3).format(true).build();
    try {
      dfs.waitActive();
      List<MiniDFSCluster.DataNodeProperties> stopped = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(KillSchedule.DEFAULT_SEED);
      Fault stopDataNode =
          serverFault(
              "DataNode stopped",
              () -> stopped.add(dfs.stopDataNode(random.nextInt(dfs.getDataNodes().size()))));
      String uri = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
      JobOutputCell job =
          new JobOutputCell(
              "run wordcount mapreduce -> hdfs (3 DataNodes, replication 2)",
              List.of(
                  "wordcount",
                  "--engine",
                  "mapreduce",
                  "-Ddfs.replication=2",
                  "--input",
                  Inputs.text(16).toString()),
              uri + "/out/wc-mr",
              dfs.getConfiguration(0),
              Map.of(),
              output -> 0);
      FaultTrial.run(
          new KillCell() {
            @Override
            public String where() {
              return job.where();
            }

            @Override
            public void reset() throws Exception {
              // The stopped DataNode comes back before the next trial.
              for (MiniDFSCluster.DataNodeProperties node : stopped) {
                dfs.restartDataNode(node, true);
              }
              stopped.clear();
              dfs.waitActive();
              job.reset();
            }

            @Override
            public SluiceProcess.Builder command() {
              return job.command();
            }

            @Override
            public List<String> visible() throws Exception {
              return job.visible();
            }

            @Override
            public long leftovers() throws Exception {
              return job.leftovers();
            }
          },
          stopDataNode);
    } finally {
      dfs.shutdown(true);
    }
  }

  /** Something that breaks a server while the step runs. */
  interface ServerAction {
    void run() throws Exception;
  }

  private static Fault serverFault(String name, ServerAction action) {
    return new Fault() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean strike(SluiceProcess step) throws Exception {
        boolean running = step.process().isAlive();
        action.run();
        return running;
      }
    };
  }
}
