package io.sluice.runner.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * The HDFS of {@code --on minicluster}: a real NameNode and DataNode (Hadoop's MiniDFSCluster) in
 * this process on 127.0.0.1, formatted at start, so a pipeline exercises the HDFS client, block
 * placement and the output committers as on a cluster without one to install. It lives for the run.
 */
final class PipelineMiniCluster implements AutoCloseable {

  private final MiniDFSCluster dfs;
  private final String uri;

  private PipelineMiniCluster(MiniDFSCluster dfs) {
    this.dfs = dfs;
    this.uri = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
  }

  static PipelineMiniCluster start(Path baseDir, PrintWriter progress) {
    long started = System.nanoTime();
    try {
      Files.createDirectories(baseDir);
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
      conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
      conf.set("dfs.datanode.address", "127.0.0.1:0");
      conf.set("dfs.datanode.http.address", "127.0.0.1:0");
      conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
      conf.set("dfs.namenode.http-address", "127.0.0.1:0");
      MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
      dfs.waitActive();
      PipelineMiniCluster cluster = new PipelineMiniCluster(dfs);
      progress.printf(
          "minicluster: HDFS at %s (1 datanode, blocks under %s), up in %.1fs%n",
          cluster.uri, baseDir.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
      progress.flush();
      return cluster;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the HDFS mini-cluster in " + baseDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code hdfs://127.0.0.1:PORT}: the default file system of the run and the variable {@code
   * ${hdfs}}.
   */
  String uri() {
    return uri;
  }

  @Override
  public void close() {
    dfs.shutdown();
  }
}
