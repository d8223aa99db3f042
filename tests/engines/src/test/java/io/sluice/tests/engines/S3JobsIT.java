package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.OutputExistsException;
import io.sluice.jobs.RunSummary;
import io.sluice.storage.StorageUri;
import io.sluice.testing.MiniDfs;
import io.sluice.testing.S3Bucket;
import io.sluice.testing.Sluice;
import io.sluice.testing.SluiceTest;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same jobs on s3:// through Hadoop S3A against the embedded S3 endpoint (a real S3 REST
 * server), with output committed by the S3A directory committer; and the same bytes read back
 * through file://, hdfs:// and s3://. Each test gets a fresh bucket.
 */
@SluiceTest
class S3JobsIT {

  private static final List<String> LINES = WordCountReference.sampleLines(1_500);
  private static final java.nio.file.Path SAMPLES =
      java.nio.file.Path.of(System.getProperty("sluice.repo.root", "../.."), "sample-data");

  private static Sluice sluice;

  /** The test's bucket, and a configuration that reaches it. */
  private String bucketName;

  private Configuration conf;

  @BeforeAll
  static void start(Sluice runner) {
    FileUtil.fullyDelete(
        new File("target/s3-jobs-it").getAbsoluteFile()); // local files of an earlier run
    sluice = runner;
  }

  @BeforeEach
  void bucket(S3Bucket bucket) {
    bucketName = bucket.name();
    conf = bucket.conf();
    conf.set("mapreduce.framework.name", "local");
  }

  @Test
  void sameBytesThroughFileHdfsAndS3(MiniDfs dfs, S3Bucket bucket) throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(data);
    String hdfs = dfs.uri();
    File local = new File("target/s3-jobs-it/three-schemes.bin").getAbsoluteFile();
    for (String location :
        List.of(
            local.getPath(),
            hdfs + "/three/schemes.bin",
            "s3://" + bucketName + "/three/schemes.bin")) {
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
    assertArrayEquals(
        data, Files.readAllBytes(bucket.localDirectory().resolve("three/schemes.bin")));
  }

  @Test
  void sparkAndMapReduceReadAndWriteS3ThroughTheS3aCommitter() throws Exception {
    Path input = new Path("s3a://" + bucketName + "/wordcount/in/lines.txt");
    WordCountReference.write(input.getFileSystem(conf), input, LINES);
    byte[] expected = WordCountReference.expectedOutput(LINES).getBytes(StandardCharsets.UTF_8);

    for (Engine engine : List.of(Engine.SPARK, Engine.MAPREDUCE)) {
      String output = "s3://" + bucketName + "/wordcount/out-" + engine.id();
      RunSummary summary =
          sluice.run(
              "wordcount",
              engine,
              Map.of("input", "s3://" + bucketName + "/wordcount/in", "output", output));
      assertEquals(LINES.size(), summary.counts().read(), summary.toLine());

      Path out = StorageUri.parse(output).toHadoopPath();
      FileSystem fs = out.getFileSystem(conf);
      assertArrayEquals(
          expected, WordCountReference.partFiles(fs, out), engine + " output on S3 is wrong");
      // The S3A committers write a JSON _SUCCESS manifest naming themselves; a rename-based
      // FileOutputCommitter writes an empty one.
      ByteArrayOutputStream manifest = new ByteArrayOutputStream();
      try (FSDataInputStream in = fs.open(new Path(out, "_SUCCESS"))) {
        in.transferTo(manifest);
      }
      assertTrue(
          manifest.toString(StandardCharsets.UTF_8).contains("\"committer\":\"directory\""),
          engine + " did not commit through the S3A directory committer: " + manifest);
      // No staging or pending-upload leftovers beside or under the output.
      assertEquals(0, fs.globStatus(new Path("s3a://" + bucketName + "/wordcount/.*")).length);
    }
  }

  @Test
  void existingS3OutputNeedsOverwrite() throws Exception {
    Path input = new Path("s3a://" + bucketName + "/overwrite/in.txt");
    WordCountReference.write(input.getFileSystem(conf), input, List.of("one two", "two"));
    Map<String, String> params =
        Map.of("input", input.toString(), "output", "s3://" + bucketName + "/overwrite/out");
    sluice.run("wordcount", Engine.MAPREDUCE, params);
    assertThrows(
        OutputExistsException.class, () -> sluice.run("wordcount", Engine.MAPREDUCE, params));

    WordCountReference.write(input.getFileSystem(conf), input, List.of("three"));
    Map<String, String> overwriting = new HashMap<>(params);
    overwriting.put("overwrite", "true");
    sluice.run("wordcount", Engine.MAPREDUCE, overwriting);
    Path out = new Path("s3a://" + bucketName + "/overwrite/out");
    assertEquals(
        "three\t1\n",
        new String(
            WordCountReference.partFiles(out.getFileSystem(conf), out), StandardCharsets.UTF_8));
  }

  /**
   * Every catalog job reads its input from s3:// and commits its output to s3:// (MapReduce,
   * through the S3A committer) with the same records and bytes as a run over local files (Spark):
   * the jobs address storage only through URIs, so the scheme must not change a result.
   */
  @Test
  void catalogJobsOnS3MatchTheirLocalRuns() throws Exception {
    java.nio.file.Path local =
        Files.createDirectories(new File("target/s3-jobs-it/catalog").getAbsoluteFile().toPath());
    FileUtil.fullyDelete(local.toFile());
    Files.createDirectories(local);
    Files.write(local.resolve("lines.txt"), LINES);
    Files.write(
        local.resolve("left.csv"), List.of("1,ann", "2,bob", "2,bea", "3,cid", "no-key-column"));
    Files.write(local.resolve("right.csv"), List.of("1,north", "2,south", "4,east"));
    FileSystem localFs = FileSystem.getLocal(conf);
    FileUtil.copy(
        localFs,
        new Path(SAMPLES.resolve("logs").toAbsolutePath().toUri()),
        localFs,
        new Path(local.resolve("logs").toUri()),
        false,
        conf);
    Files.copy(SAMPLES.resolve("etl").resolve("orders.csv"), local.resolve("orders.csv"));
    String schema =
        SAMPLES.resolve("etl").resolve("orders.schema.yaml").toAbsolutePath().toString();
    String s3 = "s3://" + bucketName + "/catalog/";
    upload(local, new Path("s3a://" + bucketName + "/catalog"));

    record Case(String job, Map<String, String> params, boolean textOutput) {}
    List<Case> cases =
        List.of(
            new Case(
                "grep",
                Map.of("input", "lines.txt", "output", "grep-out", "pattern", "r[a-z]+"),
                true),
            new Case(
                "join",
                Map.of(
                    "left",
                    "left.csv",
                    "right",
                    "right.csv",
                    "left-key",
                    "1",
                    "right-key",
                    "1",
                    "output",
                    "join-out"),
                true),
            new Case("logs", Map.of("input", "logs", "output", "logs-out"), true),
            new Case(
                "etl", Map.of("input", "orders.csv", "output", "etl-out", "schema", schema), false),
            new Case(
                "teragen", Map.of("rows", "5000", "output", "tera-in", "partitions", "2"), true),
            new Case(
                "terasort",
                Map.of("input", "tera-in", "output", "tera-sorted", "partitions", "3"),
                true),
            new Case(
                "teravalidate", Map.of("input", "tera-sorted", "output", "tera-report"), true));
    for (Case c : cases) {
      RunSummary onLocal =
          sluice.run(c.job(), Engine.SPARK, resolve(c.params(), local.toUri().toString()));
      RunSummary onS3 = sluice.run(c.job(), Engine.MAPREDUCE, resolve(c.params(), s3));
      assertEquals(onLocal.counts().read(), onS3.counts().read(), c.job() + " read");
      assertEquals(onLocal.counts().rejected(), onS3.counts().rejected(), c.job() + " rejected");
      assertEquals(onLocal.counts().written(), onS3.counts().written(), c.job() + " written");
      assertEquals(
          onLocal.counts().read(), onS3.counts().accepted() + onS3.counts().rejected(), c.job());
      assertTrue(onS3.counts().read() > 0, c.job() + " read nothing");
      String output = c.params().get("output");
      Path s3Output = new Path("s3a://" + bucketName + "/catalog/" + output);
      Map<String, byte[]> fromS3 = dataFiles(s3Output);
      Map<String, byte[]> fromLocal = dataFiles(new Path(local.resolve(output).toUri()));
      assertEquals(fromLocal.keySet(), fromS3.keySet(), c.job() + " output files");
      if (c.textOutput()) {
        fromLocal.forEach(
            (name, bytes) -> assertArrayEquals(bytes, fromS3.get(name), c.job() + " " + name));
      }
    }
  }

  private static Map<String, String> resolve(Map<String, String> params, String base) {
    Map<String, String> resolved = new HashMap<>(params);
    for (String key : List.of("input", "output", "left", "right")) {
      resolved.computeIfPresent(key, (k, v) -> base + v);
    }
    return resolved;
  }

  private void upload(java.nio.file.Path dir, Path target) throws Exception {
    FileSystem fs = target.getFileSystem(conf);
    for (File file : dir.toFile().listFiles()) {
      FileUtil.copy(
          FileSystem.getLocal(conf),
          new Path(file.toURI()),
          fs,
          new Path(target, file.getName()),
          false,
          conf);
    }
  }

  /**
   * Data files under an output, by path relative to it (Parquet file names carry a run id: kept as
   * the directory).
   */
  private Map<String, byte[]> dataFiles(Path output) throws Exception {
    FileSystem fs = output.getFileSystem(conf);
    String root = fs.getFileStatus(output).getPath().toUri().getPath();
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, Path> parts = new TreeMap<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(output, true);
    while (it.hasNext()) {
      FileStatus file = it.next();
      String relative = file.getPath().toUri().getPath().substring(root.length());
      if (relative.matches("(.*/)?[_.][^/]*")
          || relative.contains("/_")
          || relative.startsWith("_")) {
        continue;
      }
      if (relative.endsWith(".parquet")) {
        files.merge(
            relative.substring(0, relative.lastIndexOf('/') + 1) + "*.parquet",
            new byte[0],
            (a, b) -> a);
        continue;
      }
      parts.put(relative, file.getPath());
    }
    // Part names differ by engine and committer (part-00000-<uuid>, part-r-00000-<job id>) but sort
    // in partition order: the parts of a directory, concatenated in name order, are its data.
    Map<String, ByteArrayOutputStream> joined = new TreeMap<>();
    parts.forEach(
        (relative, path) -> {
          int slash = relative.lastIndexOf('/');
          String name = relative.substring(slash + 1);
          String key =
              relative.substring(0, slash + 1) + (name.startsWith("part-") ? "part-*" : name);
          try (FSDataInputStream in = fs.open(path)) {
            in.transferTo(joined.computeIfAbsent(key, k -> new ByteArrayOutputStream()));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    joined.forEach((key, bytes) -> files.put(key, bytes.toByteArray()));
    return files;
  }
}
