package io.sluice.tests.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * A real YARN mini-cluster, one per test JVM (see {@link SharedYarnCluster}): a MiniDFSCluster
 * (HDFS as the default file system, MapReduce staging in it, as on a real cluster), a
 * ResourceManager and one NodeManager that launches the MRAppMaster and task JVMs as containers,
 * and a started YarnClient. Everything it writes lives under the given work directory.
 */
final class LocalYarnCluster implements AutoCloseable {

  /** Container sizes: AM + map + reduce fit twice over in the NodeManager's 4 GiB. */
  private static final int CONTAINER_MB = 512;

  /**
   * Small heap; C1 only, as these short-lived JVMs spend most of their life starting up on 2 cores.
   */
  private static final String CONTAINER_HEAP = "-Xmx384m -XX:TieredStopAtLevel=1";

  private final MiniDFSCluster dfs;
  private final MiniMRYarnCluster yarn;
  private final YarnClient yarnClient;
  private final File work;

  private LocalYarnCluster(
      MiniDFSCluster dfs, MiniMRYarnCluster yarn, YarnClient yarnClient, File work) {
    this.dfs = dfs;
    this.yarn = yarn;
    this.yarnClient = yarnClient;
    this.work = work;
  }

  static LocalYarnCluster start(Class<?> testClass, File work) throws Exception {
    // Hadoop daemons log and keep scratch data relative to these unless told otherwise.
    System.setProperty("hadoop.log.dir", new File(work, "logs").getPath());
    System.setProperty("test.build.data", new File(work, "build-data").getPath());

    Configuration conf = new Configuration();
    conf.set("hadoop.tmp.dir", new File(work, "tmp").getPath());
    conf.setInt("dfs.replication", 1);
    MiniDFSCluster dfs =
        new MiniDFSCluster.Builder(conf, new File(work, "dfs"))
            .numDataNodes(1)
            .format(true)
            .build();
    dfs.waitActive();
    conf.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());

    conf.set(MRJobConfig.MR_AM_STAGING_DIR, "/tmp/hadoop-yarn/staging");
    // Small containers for a 2-core machine (MiniYARNCluster gives its NodeManager 4096 MB).
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 2048);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setInt(MRJobConfig.MR_AM_VMEM_MB, CONTAINER_MB);
    conf.setInt(MRJobConfig.MAP_MEMORY_MB, CONTAINER_MB);
    conf.setInt(MRJobConfig.REDUCE_MEMORY_MB, CONTAINER_MB);
    // Container JVMs need the same Java 17 flags as this JVM (one list, in the root pom).
    String opens = System.getProperty("sluice.jvm.opens", "");
    conf.set(MRJobConfig.MR_AM_COMMAND_OPTS, CONTAINER_HEAP + " " + opens);
    conf.set(MRJobConfig.MAP_JAVA_OPTS, CONTAINER_HEAP + " " + opens);
    conf.set(MRJobConfig.REDUCE_JAVA_OPTS, CONTAINER_HEAP + " " + opens);
    // Containers start "$JAVA_HOME/bin/java"; Maven does not always export JAVA_HOME.
    String javaHome = "JAVA_HOME=" + System.getProperty("java.home");
    conf.set(MRJobConfig.MR_AM_ENV, javaHome);
    conf.set(MRJobConfig.MAP_ENV, javaHome);
    conf.set(MRJobConfig.REDUCE_ENV, javaHome);
    // Faster round trips: client polling and AM/NM heartbeats every 500 ms.
    conf.setInt("mapreduce.client.completion.pollinterval", 500);
    conf.setInt("mapreduce.client.progressmonitor.pollinterval", 500);
    conf.setInt(MRJobConfig.MR_AM_TO_RM_HEARTBEAT_INTERVAL_MS, 500);
    conf.setInt(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 500);

    // RM, NM and history server advertise and bind InetAddress.getLocalHost()'s name (127.0.0.1 on
    // this machine); HDFS binds 127.0.0.1. Hadoop 3.4.2 hard-codes the wildcard address for the
    // NM's ShuffleHandler and the MR AM's client, umbilical and web servers: no setting moves
    // those.
    MiniMRYarnCluster yarn = new MiniMRYarnCluster(testClass.getSimpleName(), 1);
    yarn.init(conf);
    yarn.start();
    assertTrue(
        yarn.waitForNodeManagersToConnect(30_000), "NodeManager did not register with the RM");
    assertEquals(MRConfig.YARN_FRAMEWORK_NAME, yarn.getConfig().get(MRConfig.FRAMEWORK_NAME));

    YarnClient yarnClient = YarnClient.createYarnClient();
    yarnClient.init(new YarnConfiguration(yarn.getConfig()));
    yarnClient.start();
    return new LocalYarnCluster(dfs, yarn, yarnClient, work);
  }

  /** The configuration jobs submit with: HDFS as default FS, mapreduce.framework.name=yarn. */
  Configuration clusterConf() {
    return new Configuration(yarn.getConfig());
  }

  /**
   * Writes {@code client} as the *-site.xml files of a user's HADOOP_CONF_DIR. Each *-site.xml
   * overrides its own *-default.xml, so every one carries all of the cluster's values.
   */
  static java.nio.file.Path writeClientConf(Configuration client, java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Files.createDirectories(dir);
    for (String site :
        java.util.List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml", "mapred-site.xml")) {
      try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(dir.resolve(site))) {
        client.writeXml(out);
      }
    }
    return dir;
  }

  FileSystem fileSystem() throws IOException {
    return dfs.getFileSystem();
  }

  YarnClient yarnClient() {
    return yarnClient;
  }

  /** Where the daemons write, container logs included. */
  File work() {
    return work;
  }

  @Override
  public void close() {
    // The daemons report their own shutdown as errors (interrupted threads); nothing a test checks.
    org.apache.log4j.LogManager.getLoggerRepository().setThreshold(org.apache.log4j.Level.OFF);
    yarnClient.stop();
    yarn.stop();
    dfs.shutdown();
  }
}
