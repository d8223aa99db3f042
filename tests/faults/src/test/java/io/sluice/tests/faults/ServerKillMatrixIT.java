package io.sluice.tests.faults;

import io.sluice.testing.MiniDfs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;

/**
 * An HDFS DataNode stopped mid-job (3 DataNodes, replication 2; restarted before the next trial):
 * only {@code -Pfault-matrix} runs this class, so the default run neither runs nor skips it.
 */
class ServerKillMatrixIT {

  @Test
  void dataNodeDiesDuringJob() throws Exception {
    try (MiniDfs dfs = MiniDfs.startFor(ServerKillMatrixIT.class, 3)) {
      List<MiniDFSCluster.DataNodeProperties> stopped = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(KillSchedule.DEFAULT_SEED);
      Fault stopDataNode =
          Fault.server(
              "DataNode stopped",
              () -> stopped.add(dfs.stopDataNode(random.nextInt(dfs.dataNodeCount()))));
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
              dfs.uri("/out/wc-mr"),
              dfs.conf(),
              Map.of(),
              output -> 0);
      FaultTrial.run(
          ForwardingCell.repairedBeforeReset(
              job,
              () -> {
                // The stopped DataNode comes back before the next trial.
                for (MiniDFSCluster.DataNodeProperties node : stopped) {
                  dfs.restartDataNode(node);
                }
                stopped.clear();
              }),
          stopDataNode);
    }
  }
}
