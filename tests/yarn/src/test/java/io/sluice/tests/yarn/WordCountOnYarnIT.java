package io.sluice.tests.yarn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.examples.WordCount;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sluice's MapReduce WordCount on a real YARN mini-cluster (ResourceManager, one NodeManager
 * launching MRAppMaster and task JVMs as containers) over a MiniDFSCluster, checked against an
 * in-test reference and, byte for byte, against Hadoop's own example WordCount on the same cluster.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class WordCountOnYarnIT {

  /** Everything the clusters write lives under this module's target/. */
  private static final File TARGET = new File(System.getProperty("basedir", "."), "target").getAbsoluteFile();
  private static final File WORK = new File(TARGET, "yarn-it");

  /** Container sizes: AM + map + reduce fit twice over in the NodeManager's 4 GiB. */
  private static final int CONTAINER_MB = 512;
  /** Small heap; C1 only, as these short-lived JVMs spend most of their life starting up on 2 cores. */
  private static final String CONTAINER_HEAP = "-Xmx384m -XX:TieredStopAtLevel=1";

  private static MiniDFSCluster dfs;
  private static MiniMRYarnCluster yarn;
  private static YarnClient yarnClient;
  /** The configuration jobs submit with: HDFS as default FS, mapreduce.framework.name=yarn. */
  private static Configuration clusterConf;
  private static FileSystem fs;
  private static List<String> lines;
  private static Path input;
  private static byte[] sluicePart;

  @BeforeAll
  static void startClusters() throws Exception {
    // Hadoop daemons log and keep scratch data relative to these unless told otherwise.
    System.setProperty("hadoop.log.dir", new File(WORK, "logs").getPath());
    System.setProperty("test.build.data", new File(WORK, "build-data").getPath());

    Configuration conf = new Configuration();
    conf.set("hadoop.tmp.dir", new File(WORK, "tmp").getPath());
    conf.setInt("dfs.replication", 1);
    dfs = new MiniDFSCluster.Builder(conf, new File(WORK, "dfs"))
        .numDataNodes(1)
        .format(true)
        .build();
    dfs.waitActive();
    conf.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());

    // MR staging and job history live in HDFS, like on a real cluster.
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
    // NM's ShuffleHandler and the MR AM's client, umbilical and web servers: no setting moves those.
    yarn = new MiniMRYarnCluster(WordCountOnYarnIT.class.getSimpleName(), 1);
    yarn.init(conf);
    yarn.start();
    assertTrue(yarn.waitForNodeManagersToConnect(30_000), "NodeManager did not register with the RM");

    clusterConf = new Configuration(yarn.getConfig());
    assertEquals(MRConfig.YARN_FRAMEWORK_NAME, clusterConf.get(MRConfig.FRAMEWORK_NAME));

    yarnClient = YarnClient.createYarnClient();
    yarnClient.init(new YarnConfiguration(clusterConf));
    yarnClient.start();

    fs = dfs.getFileSystem();
    lines = sampleLines();
    input = fs.makeQualified(new Path("/data/wordcount/input/words.txt"));
    try (OutputStream out = fs.create(input)) {
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @AfterAll
  static void stopClusters() throws IOException {
    // Daemon threads report the interrupt that stops them at ERROR; nothing to see once tests ran.
    org.apache.log4j.LogManager.getLoggerRepository().setThreshold(org.apache.log4j.Level.OFF);
    if (yarnClient != null) {
      yarnClient.stop();
    }
    if (yarn != null) {
      yarn.stop();
    }
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  @Test
  void sluiceWordCountRunsOnYarnAndMatchesReference() throws Exception {
    byte[] part = sluiceOutput();

    assertEquals(new String(reference(lines), StandardCharsets.UTF_8), new String(part, StandardCharsets.UTF_8),
        "Sluice WordCount output differs from the StringTokenizer reference");
  }

  @Test
  void hadoopExampleWordCountOnSameClusterIsByteIdentical() throws Exception {
    byte[] ours = sluiceOutput();

    Path out = fs.makeQualified(new Path("/data/wordcount/hadoop-example"));
    Configuration conf = new Configuration(clusterConf);
    conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
    Job job = Job.getInstance(conf, "hadoop example wordcount");
    job.setJarByClass(WordCount.class);
    job.setMapperClass(WordCount.TokenizerMapper.class);
    job.setCombinerClass(WordCount.IntSumReducer.class);
    job.setReducerClass(WordCount.IntSumReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(IntWritable.class);
    job.setNumReduceTasks(1);
    FileInputFormat.addInputPath(job, input);
    FileOutputFormat.setOutputPath(job, out);
    assertTrue(job.waitForCompletion(false), "Hadoop's example WordCount failed: " + job.getStatus().getFailureInfo());
    assertRanOnYarn(job.getJobID().toString(), "hadoop example wordcount");

    assertTrue(fs.exists(new Path(out, "_SUCCESS")), "no _SUCCESS in " + out);
    byte[] theirs = read(new Path(out, "part-r-00000"));
    assertEquals(new String(theirs, StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8),
        "Sluice WordCount output differs from Hadoop's example WordCount");
    assertArrayEquals(theirs, ours, "Sluice and Hadoop example WordCount outputs differ");
  }

  /** Runs Sluice's WordCount once per class and returns its part-r-00000 bytes after checking the run. */
  private static synchronized byte[] sluiceOutput() throws Exception {
    if (sluicePart != null) {
      return sluicePart;
    }
    Path out = fs.makeQualified(new Path("/data/wordcount/sluice"));
    Set<String> before = mapReduceApps().stream()
        .map(r -> r.getApplicationId().toString()).collect(Collectors.toSet());

    RunSummary summary;
    try (EngineContext context = EngineContext.builder().hadoopConf(clusterConf).build()) {
      summary = new JobRunner(JobRegistry.load()).run("wordcount", Engine.MAPREDUCE,
          Map.of("input", input.toString(), "output", out.toString()), context);
    }

    // It went through the ResourceManager: one new MapReduce application, finished and succeeded.
    List<ApplicationReport> added = mapReduceApps().stream()
        .filter(r -> !before.contains(r.getApplicationId().toString()))
        .collect(Collectors.toList());
    assertEquals(1, added.size(), "expected exactly one new YARN application, got " + added);
    ApplicationReport app = added.get(0);
    assertEquals("sluice wordcount", app.getName());
    assertEquals(YarnApplicationState.FINISHED, app.getYarnApplicationState());
    assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus());

    assertEquals(lines.size(), summary.counts().read(), "read must equal the number of input lines");
    assertEquals(lines.size(), summary.counts().accepted());
    assertEquals(0, summary.counts().rejected());

    assertTrue(fs.exists(new Path(out, "_SUCCESS")), "no _SUCCESS in " + out);
    FileStatus[] parts = fs.globStatus(new Path(out, "part-r-*"));
    assertNotNull(parts);
    assertEquals(1, parts.length, "one reducer, one part file: " + Arrays.toString(parts));
    assertEquals("part-r-00000", parts[0].getPath().getName());
    byte[] part = read(parts[0].getPath());
    long distinctWords = part.length == 0 ? 0 : new String(part, StandardCharsets.UTF_8).split("\n").length;
    assertEquals(distinctWords, summary.counts().written(), "written must equal the distinct words");
    sluicePart = part;
    return part;
  }

  /** Checks the RM knows the job as a finished, successful MapReduce application. */
  private static void assertRanOnYarn(String jobId, String name) throws Exception {
    assertFalse(jobId.startsWith("job_local"), "ran on the local job runner: " + jobId);
    String appId = "application_" + jobId.substring("job_".length());
    ApplicationReport app = mapReduceApps().stream()
        .filter(r -> r.getApplicationId().toString().equals(appId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("RM does not know " + appId));
    assertEquals(name, app.getName());
    assertEquals(YarnApplicationState.FINISHED, app.getYarnApplicationState());
    assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus());
  }

  private static List<ApplicationReport> mapReduceApps() throws Exception {
    return yarnClient.getApplications(Set.of("MAPREDUCE"), EnumSet.allOf(YarnApplicationState.class));
  }

  private static byte[] read(Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toByteArray();
    }
  }

  /** word TAB count lines, whitespace tokens as {@link StringTokenizer} splits them, by UTF-8 bytes. */
  static byte[] reference(List<String> text) {
    Comparator<String> byUtf8 = (a, b) -> Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    TreeMap<String, Integer> counts = new TreeMap<>(byUtf8);
    for (String line : text) {
      StringTokenizer tokens = new StringTokenizer(line);
      while (tokens.hasMoreTokens()) {
        counts.merge(tokens.nextToken(), 1, Integer::sum);
      }
    }
    StringBuilder sb = new StringBuilder();
    counts.forEach((word, count) -> sb.append(word).append('\t').append(count).append('\n'));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A few hundred deterministic lines: repeated words, mixed case, punctuation, tabs and runs of
   * spaces, empty lines, accented and non-Latin words, and supplementary characters whose UTF-16
   * order differs from their UTF-8 byte order.
   */
  static List<String> sampleLines() {
    String[] words = {
        "the", "The", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "dog.", "dog,",
        "straße", "café", "cafe", "naïve", "Ærøskøbing", "日本語", "中文", "Ωmega", "ελληνικά",
        "русский", "עברית", "العربية", "😀", "𝔘nicode", "\uFF21wide", "ﬁne", "a", "I", "42", "-", "x=y"};
    String[] separators = {" ", "  ", "\t", " \t ", "\t\t"};
    List<String> out = new ArrayList<>();
    long seed = 20240601L;
    for (int i = 0; i < 400; i++) {
      if (i % 37 == 0) {
        out.add("");
        continue;
      }
      if (i % 53 == 0) {
        out.add(" \t  ");
        continue;
      }
      StringBuilder line = new StringBuilder();
      if (i % 11 == 0) {
        line.append('\t');
      }
      int n = 1 + (int) ((seed >>> 33) % 12);
      for (int w = 0; w < n; w++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        int pick = (int) ((seed >>> 33) % words.length);
        if (w > 0) {
          line.append(separators[(int) ((seed >>> 40) % separators.length)]);
        }
        line.append(words[pick]);
      }
      if (i % 7 == 0) {
        line.append(" ");
      }
      out.add(line.toString());
    }
    return out;
  }
}
