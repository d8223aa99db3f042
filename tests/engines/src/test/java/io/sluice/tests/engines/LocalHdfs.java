package io.sluice.tests.engines;

import java.io.File;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One MiniDFSCluster (a NameNode and one DataNode) per test class, bound to loopback, with its
 * storage under {@code target/minidfs-<class>}: the setup every hdfs:// integration test shares.
 */
final class LocalHdfs implements AutoCloseable {

  private final MiniDFSCluster cluster;

  private LocalHdfs(MiniDFSCluster cluster) {
    this.cluster = cluster;
  }

  static LocalHdfs start(Class<?> testClass) throws IOException {
    Configuration conf = new Configuration();
    File base = new File("target/minidfs-" + testClass.getSimpleName()).getAbsoluteFile();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getPath());
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    cluster.waitActive();
    return new LocalHdfs(cluster);
  }

  /** {@code hdfs://127.0.0.1:<port>}, the prefix of the URIs the jobs are given. */
  String uri() {
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  FileSystem fileSystem() throws IOException {
    return cluster.getFileSystem();
  }

  @Override
  public void close() {
    cluster.shutdown();
  }
}
