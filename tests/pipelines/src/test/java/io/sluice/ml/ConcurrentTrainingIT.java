package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sampledata.ChurnGenerator;
import io.sluice.testing.ConcurrentRuns;
import io.sluice.testing.S3Bucket;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.SluiceTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trainers registering the same model name in one registry at once, many times: each gets a version
 * of its own (1..n, none overwritten, none nested in another), every version is complete, {@code
 * latest} is the highest and loads, and no staging folder is left. Threads (each its own {@link
 * ModelRegistry}, the calls {@code sluice ml train} makes) on a local and an S3 registry, and two
 * {@code sluice ml train} processes on a local one. {@code -Dsluice.race.rounds=20} (the {@code
 * races} profile) for the full run; 2 rounds by default.
 */
@SluiceTest
class ConcurrentTrainingIT {

  private static final int ROUNDS = ConcurrentRuns.ROUNDS;
  private static final int TRAINERS = 3;
  private static final int ROWS = 300;

  @TempDir static java.nio.file.Path dir;

  private static SparkSession spark;
  private static String bucket;
  private static java.nio.file.Path specFile;
  private static TrainedModel trained;

  @BeforeAll
  static void start(S3Bucket classBucket, SparkSession session) throws Exception {
    spark = session;
    bucket = "s3a://" + classBucket.name();
    java.nio.file.Path csv = dir.resolve("churn.csv");
    ChurnGenerator.writeTable(3, ROWS, csv);
    specFile = Files.writeString(dir.resolve("churn.yaml"), ChurnGenerator.spec(csv.toString()));
    // The threads register a model, whichever: the one the ML ITs share. The processes train.
    trained = ChurnLogisticModel.get(spark).trained;
  }

  @Test
  void trainersOnALocalRegistry() throws Exception {
    race(dir.resolve("registry").toString());
  }

  @Test
  void trainersOnAnS3Registry() throws Exception {
    race(bucket + "/registry");
  }

  @Test
  void twoTrainProcessesOnALocalRegistry() throws Exception {
    String registry = dir.resolve("cli-registry").toString();
    List<SluiceProcess> processes = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        processes.add(
            SluiceProcess.cli(
                    "ml",
                    "train",
                    specFile.toString(),
                    "--registry",
                    registry,
                    "--name",
                    "churn",
                    "--master",
                    "local[2]",
                    "--conf",
                    "spark.sql.shuffle.partitions=2")
                .start());
      }
      List<Integer> versions = new ArrayList<>();
      Pattern done = Pattern.compile("ml train \\[logistic\\] done: .* -> churn:(\\d+)");
      for (SluiceProcess p : processes) {
        SluiceProcess.Result r = p.await(Duration.ofMinutes(10));
        assertEquals(0, r.exitCode(), r.all());
        Matcher m = done.matcher(r.stdout());
        assertTrue(m.find(), r.all());
        versions.add(Integer.parseInt(m.group(1)));
      }
      versions.sort(null);
      assertEquals(List.of(1, 2), versions);
      assertComplete(new ModelRegistry(registry, new Configuration()), "churn", 2);
    } finally {
      processes.forEach(SluiceProcess::close);
    }
  }

  /** ROUNDS rounds of TRAINERS trainers registering one new name together. */
  private static void race(String location) throws Exception {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    ExecutorService pool = Executors.newFixedThreadPool(TRAINERS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String name = "churn-" + round;
        CyclicBarrier together = new CyclicBarrier(TRAINERS);
        List<Future<ModelVersion>> registrations = new ArrayList<>();
        for (int t = 0; t < TRAINERS; t++) {
          registrations.add(
              pool.submit(
                  () -> {
                    together.await();
                    return new ModelRegistry(location, conf).register(name, trained);
                  }));
        }
        List<Integer> versions = new ArrayList<>();
        for (Future<ModelVersion> r : registrations) {
          versions.add(r.get().info().version());
        }
        versions.sort(null);
        assertEquals(
            IntStream.rangeClosed(1, TRAINERS).boxed().toList(), versions, "versions of " + name);
        assertComplete(new ModelRegistry(location, conf), name, TRAINERS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Versions 1..count of {@code name} are listed, each complete and numbered as its folder, none
   * holding another's staging folder; latest is {@code count} and loads.
   */
  private static void assertComplete(ModelRegistry registry, String name, int count)
      throws Exception {
    List<ModelVersion> listed =
        registry.list().stream().filter(v -> v.info().name().equals(name)).toList();
    assertEquals(
        IntStream.rangeClosed(1, count).boxed().toList(),
        listed.stream().map(v -> v.info().version()).toList());
    Path nameDir = new Path(listed.get(0).location()).getParent();
    FileSystem fs = nameDir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    for (FileStatus s : fs.listStatus(nameDir)) {
      String n = s.getPath().getName();
      assertTrue(
          n.matches("\\d+") || n.equals(ModelRegistry.CLAIMS_DIR), "in " + nameDir + ": " + n);
    }
    for (ModelVersion v : listed) {
      assertEquals(
          String.valueOf(v.info().version()), new Path(v.location()).getName(), v.location());
      List<String> files = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(new Path(v.location()), true);
      while (it.hasNext()) {
        files.add(it.next().getPath().toString().substring(v.location().length()));
      }
      assertTrue(files.contains("/" + ModelRegistry.INFO_FILE), v.location() + ": " + files);
      assertTrue(files.contains("/model/metadata/_SUCCESS"), v.location() + ": " + files);
      assertTrue(
          files.stream().noneMatch(f -> f.contains("/.staging")), v.location() + ": " + files);
    }
    LoadedModel latest = registry.load(ModelRef.parse(name));
    assertEquals(count, latest.info().version());
  }
}
