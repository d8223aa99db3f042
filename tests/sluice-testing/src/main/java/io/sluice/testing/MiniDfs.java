package io.sluice.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HDFS for the test class: a MiniDFSCluster (one NameNode, one DataNode) on random ports of
 * 127.0.0.1, with its storage under {@code target/sluice-testing/} (or a temporary directory when
 * there is no {@code target/}).
 *
 * <p><b>Scope: one per test class.</b> It starts when a test, lifecycle method or constructor of
 * the class first asks for it (or for an HDFS {@link TestStorage}) and stops after the class; every
 * test of the class sees the same cluster and the same files. Jobs address it with full URIs,
 * {@code uri() + "/path"}; the default file system stays {@code file://}.
 */
public final class MiniDfs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MiniDfs.class);
  private static final AtomicInteger STARTED = new AtomicInteger();

  private final MiniDFSCluster cluster;
  private final File baseDir;
  private final String fixtureId;
  private FileSystem fileSystem;

  private MiniDfs(MiniDFSCluster cluster, File baseDir, String fixtureId) {
    this.cluster = cluster;
    this.baseDir = baseDir;
    this.fixtureId = fixtureId;
  }

  static MiniDfs start(Class<?> testClass) {
    return start(testClass, 1);
  }

  /**
   * A cluster of {@code dataNodes} DataNodes for a test class that runs it itself, outside {@link
   * SluiceTest} (a fault test that stops DataNodes, a module without Spark): {@link #close()} stops
   * it.
   */
  public static MiniDfs startFor(Class<?> testClass, int dataNodes) {
    return start(testClass, dataNodes);
  }

  private static MiniDfs start(Class<?> testClass, int dataNodes) {
    long start = System.nanoTime();
    int number = STARTED.incrementAndGet();
    File base = baseDir(testClass, number);
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getPath());
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    MiniDFSCluster cluster;
    try {
      cluster = new MiniDFSCluster.Builder(conf).numDataNodes(dataNodes).format(true).build();
      cluster.waitActive();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "MiniDFSCluster for " + testClass.getName() + " did not start: " + e.getMessage(), e);
    }
    MiniDfs dfs = new MiniDfs(cluster, base, "minidfs:" + testClass.getName() + "#" + number);
    ActiveSettings.add(dfs.fixtureId, dfs.hadoopSettings(), Map.of());
    LOG.info(
        "MiniDFSCluster {} for {} started in {} ms",
        dfs.uri(),
        testClass.getSimpleName(),
        (System.nanoTime() - start) / 1_000_000);
    return dfs;
  }

  private static File baseDir(Class<?> testClass, int number) {
    String name =
        "minidfs-" + testClass.getSimpleName() + "-" + ProcessHandle.current().pid() + "-" + number;
    Path target = Path.of("target");
    try {
      if (Files.isDirectory(target)) {
        return Files.createDirectories(target.resolve("sluice-testing").resolve(name))
            .toAbsolutePath()
            .toFile();
      }
      return Files.createTempDirectory("sluice-" + name).toFile();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a directory for the MiniDFSCluster: " + e.getMessage(), e);
    }
  }

  /**
   * {@code hdfs://127.0.0.1:<port>}: prefix it to absolute paths to give jobs an hdfs:// location.
   */
  public String uri() {
    return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /** {@code uri() + path}, e.g. {@code uri("/in")} is {@code hdfs://127.0.0.1:<port>/in}. */
  public String uri(String absolutePath) {
    return uri() + (absolutePath.startsWith("/") ? "" : "/") + absolutePath;
  }

  /** The NameNode's RPC port. */
  public int nameNodePort() {
    return cluster.getNameNodePort();
  }

  /**
   * A client of this HDFS, the same instance on every call; it is closed when the cluster stops.
   */
  public synchronized FileSystem fileSystem() {
    if (fileSystem == null) {
      try {
        fileSystem = cluster.getFileSystem();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return fileSystem;
  }

  /** A copy of the cluster's configuration, its default file system this HDFS ({@link #uri()}). */
  public Configuration conf() {
    Configuration conf = new Configuration(cluster.getConfiguration(0));
    conf.set("fs.defaultFS", uri());
    return conf;
  }

  /**
   * What the cluster adds to the engine context of a job run (and to the shared Spark session)
   * while it runs: one replica per block, as there is one DataNode.
   */
  public Map<String, String> hadoopSettings() {
    return Map.of("dfs.replication", "1");
  }

  /** How many DataNodes run now. */
  public int dataNodeCount() {
    return cluster.getDataNodes().size();
  }

  /** Stops the DataNode at {@code index} (a fault); what it returns restarts it. */
  public MiniDFSCluster.DataNodeProperties stopDataNode(int index) {
    return cluster.stopDataNode(index);
  }

  /** Starts a stopped DataNode again on its ports and waits until the cluster is active. */
  public void restartDataNode(MiniDFSCluster.DataNodeProperties node) throws IOException {
    cluster.restartDataNode(node, true);
    cluster.waitActive();
  }

  /** Stops the cluster of {@link #startFor}. */
  @Override
  public void close() {
    stop();
  }

  void stop() {
    ActiveSettings.remove(fixtureId);
    try {
      // Hadoop's cached client of this cluster must not outlive it.
      FileSystem.get(URI.create(uri()), new Configuration()).close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the cached HDFS client of {}: {}", uri(), e.toString());
    }
    cluster.shutdown(true);
    FileUtil.fullyDelete(baseDir);
    LOG.info("MiniDFSCluster {} stopped", baseDir.getName());
  }

  @Override
  public String toString() {
    return "MiniDfs[" + uri() + "]";
  }
}
