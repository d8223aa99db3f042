package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.runner.SluiceCli;
import io.sluice.storage.leftovers.DeadOwners;
import io.sluice.storage.leftovers.LockFiles;
import io.sluice.storage.leftovers.Owner;
import io.sluice.storage.leftovers.StagingDirs;
import io.sluice.testing.S3Bucket;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.SluiceTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a run killed with SIGKILL leaves behind, on every storage at once: a child JVM ({@link
 * LeftoverMaker}) stops mid-write and is killed, a second one stays alive mid-write, and {@code
 * sluice clean} (file, registry, PostgreSQL, DuckDB, S3) removes exactly the killed one's
 * leftovers. (HDFS: {@code WordCountOnHdfsIT}, on the MiniDFSCluster it has anyway.)
 */
@SluiceTest
class CleanIT {

  @TempDir static Path dir;

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void theKilledRunsLeftoversGoAndTheLiveRunsStay(S3Bucket bucket) throws Exception {
    Path fileOut = dir.resolve("out/sales");
    // The live run writes an output of its own: two runs to one output cannot both be mid-write
    // (the output's lock), so each leaves one staging directory in its own folder.
    Path liveOut = dir.resolve("live/sales");
    Path registry = dir.resolve("registry");
    Path duckdb = dir.resolve("warehouse.duckdb");
    String pg = "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
    try (SluiceProcess killed = maker(fileOut, registry, pg, "orphaned", duckdb);
        SluiceProcess live = maker(liveOut, registry, pg, "busy", null)) {
      awaitReady(killed);
      awaitReady(live);
      killed.process().destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
      assertTrue(killed.process().waitFor(30, TimeUnit.SECONDS));
      assertTrue(Files.exists(lock(fileOut)), "the killed run's output lock");
      assertEquals(1, hidden(fileOut.getParent()).size());
      assertEquals(1, hidden(liveOut.getParent()).size());
      assertEquals(2, hidden(registry.resolve("churn")).size());
      assertEquals(List.of("_sluice_stage_", "_sluice_stage_"), stageTablePrefixes());

      // A stage table an older release left in DuckDB; the killed child's TEMP one died with it.
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckdb);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE _sluice_stage_9f8e7d6c_t AS SELECT 1 AS id");
      }
      // A multipart upload a killed S3 writer left; uploads name no owner.
      String uploadId = startUpload(bucket, "out/sales/part-00000.parquet");

      String[] targets = {
        fileOut.toUri().toString(),
        liveOut.toUri().toString(),
        registry.toString(),
        pg,
        "duckdb:" + duckdb,
        bucket.uri("out/")
      };
      JsonNode dry =
          json(cli(bucket, concat(new String[] {"--json", "clean", "--dry-run"}, targets)));
      assertEquals(5, dry.get("found").asInt() - dry.get("kept").asInt(), dry.toString());
      assertEquals(1, hidden(fileOut.getParent()).size(), "a dry run removes nothing");

      String[] out = cli(bucket, concat(new String[] {"clean"}, targets)).split("\n");
      List<String> removed = Arrays.stream(out).filter(l -> l.startsWith("removed ")).toList();
      assertEquals(5, removed.size(), String.join("\n", out));
      assertTrue(
          out[out.length - 1].startsWith("clean: removed 5 of 10 leftover(s)"),
          out[out.length - 1]);
      for (String kind :
          List.of(
              "staging directory",
              "output lock",
              "unfinished model version",
              "stage table postgresql",
              "stage table duckdb")) {
        assertEquals(1, removed.stream().filter(l -> l.contains(kind)).count(), kind);
      }
      assertTrue(
          Arrays.stream(out).anyMatch(l -> l.startsWith("kept") && l.contains("(owner running)")));
      assertTrue(
          Arrays.stream(out).anyMatch(l -> l.contains("(a load into public.busy is running)")));

      // The live run's leftovers are all still there.
      assertEquals(0, hidden(fileOut.getParent()).size());
      assertEquals(1, hidden(liveOut.getParent()).size());
      assertEquals(1, hidden(registry.resolve("churn")).size());
      assertEquals(List.of("_sluice_stage_"), stageTablePrefixes());
      assertFalse(Files.exists(lock(fileOut)), "the killed run's output lock is removed");
      assertTrue(Files.exists(lock(liveOut)), "the live run's output lock stays");
      assertTrue(live.process().isAlive());

      // The upload was young and names no owner: kept until --older-than says otherwise.
      String aborted = cli(bucket, "clean", bucket.uri("out/"), "--older-than", "0s");
      assertTrue(aborted.contains("removed      pending multipart upload"), aborted);
      assertTrue(aborted.contains(uploadId.substring(0, 12)), aborted);
      assertTrue(cli(bucket, "clean", bucket.uri("out/")).startsWith("clean: removed 0 of 0"));
    }
  }

  /**
   * The README's {@code sluice clean} lines, as written, from a folder that holds what they name: a
   * killed run's staging directory and output lock under {@code out/}, a registry, a DuckDB file,
   * and on S3 (bucket {@code lake}, the endpoint as {@code AWS_ENDPOINT_URL_S3}) a young upload.
   */
  @Test
  void theReadmeExamplesRunAsWritten(S3Bucket bucket) throws Exception {
    List<List<String>> examples = readmeCleanExamples();
    assertEquals(3, examples.size(), examples.toString());
    Path work = Files.createDirectories(dir.resolve("readme"));
    Owner dead = DeadOwners.exited();
    Path staging =
        Files.createDirectories(
            work.resolve("out/.sales" + StagingDirs.MARKER + dead.token() + "-0a1b2c3d"));
    Path lock = Files.writeString(lock(work.resolve("out/sales")), LockFiles.text(dead));
    Files.createDirectories(work.resolve(".sluice/models"));
    try (Connection c =
        DriverManager.getConnection("jdbc:duckdb:" + work.resolve(".sluice/warehouse.duckdb"))) {
      assertTrue(c.isValid(10));
    }
    var settings = bucket.hadoopSettings();
    Map<String, String> env =
        Map.of(
            "AWS_ACCESS_KEY_ID", settings.get("fs.s3a.access.key"),
            "AWS_SECRET_ACCESS_KEY", settings.get("fs.s3a.secret.key"),
            "AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL_S3", bucket.endpoint());
    try (S3Client s3 = s3(bucket)) {
      s3.createBucket(b -> b.bucket("lake"));
      s3.createMultipartUpload(b -> b.bucket("lake").key("out/part-00000.parquet"));
    }

    List<String> printed = new ArrayList<>();
    for (List<String> args : examples) {
      SluiceProcess.Result result =
          SluiceProcess.cli(args.toArray(String[]::new)).workDir(work).env(env).run();
      assertEquals(0, result.exitCode(), args + "\n" + result.all());
      printed.add(result.stdout());
      if (args.contains("--dry-run")) {
        assertTrue(result.stdout().contains("clean: would remove 2 of 2"), result.stdout());
        assertTrue(Files.exists(staging) && Files.exists(lock), "a dry run removes nothing");
      }
    }
    assertTrue(printed.get(1).contains("clean: removed 2 of 2"), printed.get(1));
    assertFalse(Files.exists(staging), printed.get(1));
    assertFalse(Files.exists(lock), printed.get(1));
    // The upload is seconds old: kept by --older-than 12h.
    assertTrue(printed.get(2).contains("clean: removed 0 of 1"), printed.get(2));
  }

  /** The {@code bin/sluice clean} lines of the README's section, split into arguments. */
  private static List<List<String>> readmeCleanExamples() throws Exception {
    String readme = Files.readString(Path.of(System.getProperty("sluice.repo.root"), "README.md"));
    int section = readme.indexOf("### `sluice clean`");
    int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    List<List<String>> commands = new ArrayList<>();
    for (String line : block.replace("\\\n", " ").split("\n")) {
      int comment = line.indexOf(" #");
      String command = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (command.startsWith("bin/sluice ")) {
        List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")));
        args.remove(0);
        commands.add(args);
      }
    }
    return commands;
  }

  private static SluiceProcess maker(
      Path fileOut, Path registry, String pg, String table, Path duckdb) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(fileOut.toString(), registry.toUri().toString(), pg, table, dir.toString()));
    if (duckdb != null) {
      args.add(duckdb.toString());
    }
    return SluiceProcess.java(
            System.getProperty("java.class.path"), LeftoverMaker.class.getName(), args)
        .jvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .start();
  }

  private static void awaitReady(SluiceProcess child) throws Exception {
    assertEquals(
        "ready", child.awaitFirstLine(Duration.ofMinutes(3)), "the child did not get mid-write");
  }

  /** An output's lock file, beside it. */
  private static Path lock(Path output) {
    return output.resolveSibling(LockFiles.nameFor(output.getFileName().toString()));
  }

  private static List<String> hidden(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      // Staging directories (not the outputs' lock files, which a later run takes over).
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(".") && n.contains(".sluice-staging-"))
          .toList();
    }
  }

  private static List<String> stageTablePrefixes() throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT relname FROM pg_class WHERE left(relname, 14) = '_sluice_stage_'")) {
      while (rs.next()) {
        names.add(rs.getString(1).substring(0, 14));
      }
    }
    return names;
  }

  private static String startUpload(S3Bucket bucket, String key) {
    try (S3Client s3 = s3(bucket)) {
      return s3.createMultipartUpload(b -> b.bucket(bucket.name()).key(key)).uploadId();
    }
  }

  private static S3Client s3(S3Bucket bucket) {
    var settings = bucket.hadoopSettings();
    return S3Client.builder()
        .endpointOverride(URI.create(bucket.endpoint()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    settings.get("fs.s3a.access.key"), settings.get("fs.s3a.secret.key"))))
        .build();
  }

  /** {@code sluice ARGS} in this JVM against the bucket's endpoint; stdout, after exit 0. */
  private static String cli(S3Bucket bucket, String... args) {
    var settings = bucket.hadoopSettings();
    System.setProperty("aws.accessKeyId", settings.get("fs.s3a.access.key"));
    System.setProperty("aws.secretAccessKey", settings.get("fs.s3a.secret.key"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SluiceCli.execute(
            concat(args, "--endpoint-url", bucket.endpoint()),
            System.getenv(),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertEquals(0, code, "out: " + out + "\nerr: " + err);
    assertNotNull(out.toString());
    assertFalse(err.toString().contains("Exception"), err.toString());
    return out.toString();
  }

  private static JsonNode json(String line) throws Exception {
    return new ObjectMapper().readTree(line);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
