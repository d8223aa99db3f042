package io.sluice.tests.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
import io.sluice.testing.SluiceProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
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
   * Small heap and the test JVM options (C1 only, serial GC), as these short-lived JVMs spend most
   * of their life starting up on 2 cores.
   */
  private static final String CONTAINER_HEAP =
      ("-Xmx384m " + SluiceProcess.testJvmOptionLine()).trim();

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
    // Closing a file asks the NameNode to complete it, which it does once the DataNode reported the
    // last block; asked too early, the client waits 400 ms before asking again, and again with
    // doubled waits, five times (12.4 s in all). Most closes here ask too early: uploading Spark's
    // 343 runtime jars took 0.3 s a file (100 s, 9 s with this). Asking again after 10 ms, doubling
    // ten times (10.2 s in all), gives up after about as long and closes once the DataNode has
    // reported. It travels with clusterConf() to the jobs, their containers and the client
    // configuration the CLI reads. (The harness's MiniDfs does without: MlOnHdfsIT measured the
    // same
    // with it, docs/BENCHMARKS.md.)
    conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
    conf.setInt("dfs.client.block.write.locateFollowingBlock.retries", 10);
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
    // The NodeManager marks its local dirs bad once their disk is 90% full, and then runs no
    // container: every job waits until its test times out. The test's dirs hold a few MiB, so how
    // full the build machine's disk is must not decide whether it runs.
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100.0f);
    conf.setLong(YarnConfiguration.NM_MIN_PER_DISK_FREE_SPACE_MB, 0);
    // Two applications' AMs at once (the scheduler's default leaves AMs 10% of the NodeManager).
    conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
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
    // Faster round trips (containers are granted on NM heartbeats, handed out on AM heartbeats):
    // client polling and AM/NM heartbeats every 200 ms; one NodeManager, so the RM hardly notices.
    conf.setInt("mapreduce.client.completion.pollinterval", 200);
    conf.setInt("mapreduce.client.progressmonitor.pollinterval", 200);
    conf.setInt(MRJobConfig.MR_AM_TO_RM_HEARTBEAT_INTERVAL_MS, 200);
    conf.setInt(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 200);
    // Stopping the NodeManager took 17 s: it keeps a finished application until the application's
    // container logs are deleted (3 hours by default), waits about 6 s for such applications at
    // stop, then 10 s for the log deleter's pending tasks. Here the logs are handed to the deletion
    // service at once, and the deletion service deletes nothing (-1, Hadoop's debug setting): the
    // NodeManager forgets an application as it finishes and stops in a moment, and the container
    // logs and work dirs stay under work() for containerLogs() and after the run.
    conf.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 0);
    conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, -1);

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
   * A user's HADOOP_CONF_DIR in {@code dir}: the cluster's client settings (RM and HDFS addresses),
   * without the mini-cluster flag that copies the submitter's own classpath into containers (a real
   * client has no such thing), changed by {@code adjust}.
   */
  java.nio.file.Path writeClientConf(java.nio.file.Path dir, Consumer<Configuration> adjust)
      throws IOException {
    Configuration client = clusterConf();
    client.unset(YarnConfiguration.IS_MINI_YARN_CLUSTER);
    adjust.accept(client);
    return writeClientConf(client, dir);
  }

  /**
   * Writes {@code client} as the *-site.xml files of a user's HADOOP_CONF_DIR. Each *-site.xml
   * overrides its own *-default.xml, so every one carries all of the cluster's values.
   */
  private static java.nio.file.Path writeClientConf(Configuration client, java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Files.createDirectories(dir);
    for (String site :
        List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml", "mapred-site.xml")) {
      try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(dir.resolve(site))) {
        client.writeXml(out);
      }
    }
    return dir;
  }

  /** Runs a Sluice job with the MapReduce engine, submitted to this cluster from this JVM. */
  RunSummary runMapReduce(String job, Map<String, String> parameters) throws Exception {
    try (EngineContext context = EngineContext.builder().hadoopConf(clusterConf()).build()) {
      return new JobRunner(JobRegistry.load()).run(job, Engine.MAPREDUCE, parameters, context);
    }
  }

  /** The ids of every application the ResourceManager knows, to tell later ones apart. */
  Set<String> applicationIds() throws Exception {
    Set<String> ids = new HashSet<>();
    yarnClient.getApplications().forEach(a -> ids.add(a.getApplicationId().toString()));
    return ids;
  }

  /** The one application of {@code type} (MAPREDUCE, SPARK) not among {@code before}. */
  ApplicationReport newApplication(String type, Set<String> before) throws Exception {
    List<ApplicationReport> added =
        yarnClient.getApplications(Set.of(type), EnumSet.allOf(YarnApplicationState.class)).stream()
            .filter(a -> !before.contains(a.getApplicationId().toString()))
            .toList();
    assertEquals(1, added.size(), "expected exactly one new " + type + " application: " + added);
    return added.get(0);
  }

  /** Asserts that the ResourceManager saw {@code app}, named {@code name}, finish successfully. */
  static void assertFinishedWell(ApplicationReport app, String name) {
    assertEquals(name, app.getName());
    assertEquals(YarnApplicationState.FINISHED, app.getYarnApplicationState());
    assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus());
  }

  /** {@code lines}, each ended by a newline, as a new file on the cluster's HDFS. */
  void writeLines(Path file, List<String> lines) throws IOException {
    try (OutputStream out = fileSystem().create(file)) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
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
