package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.OutputExistsException;
import io.sluice.jobs.RunSummary;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageUri;
import io.sluice.storage.s3.EmbeddedS3;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same jobs on s3:// through Hadoop S3A against the embedded S3 endpoint (a real S3 REST
 * server), with output committed by the S3A directory committer; and the same bytes read back
 * through file://, hdfs:// and s3://.
 */
class S3JobsIT {

  private static final List<String> LINES = WordCountReference.sampleLines(1_500);
  private static final String BUCKET = "sluice-it";

  private static EmbeddedS3 s3;
  private static MiniDFSCluster dfs;
  private static Configuration conf;
  private static EngineContext context;
  private static final JobRunner RUNNER = new JobRunner(JobRegistry.load());

  @BeforeAll
  static void start() throws Exception {
    File base = new File("target/s3-jobs-it").getAbsoluteFile();
    s3 = EmbeddedS3.start(new File(base, "s3").toPath(), 0);
    StorageConfig storage = s3.storageConfig();
    // A bucket is a folder of the endpoint's data directory.
    Files.createDirectories(s3.dataDir().resolve(BUCKET));

    Configuration dfsConf = new Configuration();
    dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(base, "dfs").getPath());
    dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).format(true).build();
    dfs.waitActive();

    conf = storage.applyTo(WordCountReference.localConf());
    EngineContext.Builder builder = TestEngines.local(WordCountReference.localConf());
    storage.hadoopSettings().forEach(builder::hadoopSetting);
    builder.hadoopSetting("fs.s3a.committer.staging.tmp.path", new File(base, "committer-staging").toURI().toString());
    storage.sparkSettings().forEach(builder::sparkConf);
    context = builder.build();
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    if (dfs != null) {
      dfs.shutdown();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void sameBytesThroughFileHdfsAndS3() throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(data);
    String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
    File local = new File("target/s3-jobs-it/three-schemes.bin").getAbsoluteFile();
    for (String location : List.of(local.getPath(), hdfs + "/three/schemes.bin", "s3://" + BUCKET + "/three/schemes.bin")) {
      Path path = StorageUri.parse(location).toHadoopPath();
      FileSystem fs = path.getFileSystem(conf);
      try (FSDataOutputStream out = fs.create(path, true)) {
        out.write(data);
      }
      ByteArrayOutputStream back = new ByteArrayOutputStream();
      try (FSDataInputStream in = fs.open(path)) {
        in.transferTo(back);
      }
      assertArrayEquals(data, back.toByteArray(), "bytes differ through " + location);
      assertEquals(data.length, fs.getFileStatus(path).getLen(), location);
    }
    // The object is a plain file in the endpoint's data directory.
    assertArrayEquals(data, Files.readAllBytes(s3.dataDir().resolve(BUCKET).resolve("three/schemes.bin")));
  }

  @Test
  void sparkAndMapReduceReadAndWriteS3ThroughTheS3aCommitter() throws Exception {
    Path input = new Path("s3a://" + BUCKET + "/wordcount/in/lines.txt");
    WordCountReference.write(input.getFileSystem(conf), input, LINES);
    byte[] expected = WordCountReference.expectedOutput(LINES).getBytes(StandardCharsets.UTF_8);

    for (Engine engine : List.of(Engine.SPARK, Engine.MAPREDUCE)) {
      String output = "s3://" + BUCKET + "/wordcount/out-" + engine.id();
      RunSummary summary = RUNNER.run("wordcount", engine,
          Map.of("input", "s3://" + BUCKET + "/wordcount/in", "output", output), context);
      assertEquals(LINES.size(), summary.counts().read(), summary.toLine());

      Path out = StorageUri.parse(output).toHadoopPath();
      FileSystem fs = out.getFileSystem(conf);
      assertArrayEquals(expected, WordCountReference.partFiles(fs, out), engine + " output on S3 is wrong");
      // The S3A committers write a JSON _SUCCESS manifest naming themselves; a rename-based
      // FileOutputCommitter writes an empty one.
      ByteArrayOutputStream manifest = new ByteArrayOutputStream();
      try (FSDataInputStream in = fs.open(new Path(out, "_SUCCESS"))) {
        in.transferTo(manifest);
      }
      assertTrue(manifest.toString(StandardCharsets.UTF_8).contains("\"committer\":\"directory\""),
          engine + " did not commit through the S3A directory committer: " + manifest);
      // No staging or pending-upload leftovers beside or under the output.
      assertEquals(0, fs.globStatus(new Path("s3a://" + BUCKET + "/wordcount/.*")).length);
    }
  }

  @Test
  void existingS3OutputNeedsOverwrite() throws Exception {
    Path input = new Path("s3a://" + BUCKET + "/overwrite/in.txt");
    WordCountReference.write(input.getFileSystem(conf), input, List.of("one two", "two"));
    Map<String, String> params = Map.of("input", input.toString(), "output", "s3://" + BUCKET + "/overwrite/out");
    RUNNER.run("wordcount", Engine.MAPREDUCE, params, context);
    assertThrows(OutputExistsException.class, () -> RUNNER.run("wordcount", Engine.MAPREDUCE, params, context));

    WordCountReference.write(input.getFileSystem(conf), input, List.of("three"));
    RUNNER.run("wordcount", Engine.MAPREDUCE, Map.of("input", input.toString(),
        "output", "s3://" + BUCKET + "/overwrite/out", "overwrite", "true"), context);
    Path out = new Path("s3a://" + BUCKET + "/overwrite/out");
    assertEquals("three\t1\n", new String(WordCountReference.partFiles(out.getFileSystem(conf), out), StandardCharsets.UTF_8));
  }
}
