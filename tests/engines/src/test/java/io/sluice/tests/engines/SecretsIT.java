package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3ObjectStore;
import io.sluice.testing.ListeningSockets;
import io.sluice.testing.SecretScan;
import io.sluice.testing.SluiceProcess;
import io.sluice.warehouse.PasswordPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret in anything we print or write (issue 17 point 5, issue 16's last test): the CLI in
 * child JVMs with known secrets in its environment and arguments — AWS access key id, secret key
 * (the embedded S3 endpoint started with that identity, so a succeeding run really signs with them)
 * and session token (in the failing runs: S3Proxy refuses any request carrying one), a PostgreSQL
 * password in a {@code postgresql://} URL and in PGPASSWORD, a registry password — one succeeding
 * and one failing run of each kind. After each run, stdout, stderr and every file under the class's
 * directory (the S3 endpoint's objects: outputs, quarantine, {@code _SUCCESS} manifests, model
 * metadata; the working directory's {@code .sluice} reports; Spark event logs; generated manifests)
 * are searched for each secret, raw, URL-encoded and base64 (alone and as {@code user:secret}):
 * zero occurrences.
 *
 * <p>The pipeline run covers the writers of {@code run} (a job with a quarantine), {@code ml train}
 * (an S3 registry), {@code load warehouse} and {@code load kv} in one JVM; the failing runs are
 * each command on its own, failing on a refused login or bad input before Spark starts.
 */
class SecretsIT {

  private static final String ACCESS_KEY = "AKIASECRETSIT7Q3ZW9X";
  private static final String SECRET_KEY = "s3cr3t/Key+Sluice=Xy9Zq";
  private static final String SESSION_TOKEN = "FwoGZXIvYXdzSecretsIT/token+Session=";
  private static final String WRONG_SECRET_KEY = "wr0ng/Secret+Sluice=Ab1";
  private static final String PG_PASSWORD = "pgPw-Secret-4711";
  private static final String WRONG_PG_PASSWORD = "pgWrong-Secret-0815";
  private static final String REGISTRY_PASSWORD = "registry-Secret-1234";
  private static final String PG_USER = "sluice";

  private static final List<String> SECRETS =
      List.of(
          ACCESS_KEY,
          SECRET_KEY,
          SESSION_TOKEN,
          WRONG_SECRET_KEY,
          PG_PASSWORD,
          WRONG_PG_PASSWORD,
          REGISTRY_PASSWORD);
  private static final SecretScan SCAN = SecretScan.of(List.of(PG_USER, "builder"), SECRETS);

  @TempDir static Path root;

  private static PasswordPostgres postgres;
  private static EmbeddedS3 s3;
  private static EmbeddedDynamoDb dynamoDb;
  private static Path work;

  /** What the test itself writes (inputs, pipelines with a password in them): not searched. */
  private static Path given;

  private static Path inputs;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createDirectories(root.resolve("work"));
    given = Files.createDirectories(root.resolve("given"));
    inputs = Files.createDirectories(given.resolve("inputs"));
    postgres = PasswordPostgres.start(PG_USER, PG_PASSWORD, "lake");
    s3 = EmbeddedS3.start(root.resolve("s3"), "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
    dynamoDb = EmbeddedDynamoDb.startInMemory();
    writeInputs();
    try (S3ObjectStore store = S3ObjectStore.create(s3.storageConfig())) {
      store.createBucket("lake");
      store.putObject("lake", "in/people.csv", Files.readAllBytes(inputs.resolve("people.csv")));
    }
  }

  private static String pgUrl(String password) {
    return "postgresql://"
        + PG_USER
        + (password == null ? "" : ":" + password)
        + "@127.0.0.1:"
        + postgres.port()
        + "/lake";
  }

  /** Small inputs: orders with a bad row (quarantined), a churn sample, a people table. */
  private static void writeInputs() throws IOException {
    Path samples = Path.of(System.getProperty("sluice.repo.root")).resolve("sample-data");
    List<String> orders = Files.readAllLines(samples.resolve("etl/orders.csv"));
    List<String> someOrders = new ArrayList<>(orders.subList(0, 60));
    someOrders.add("oops,C1,DE,not-a-number,1,true,2024-03-01,,web");
    Files.write(inputs.resolve("orders.csv"), someOrders);
    Files.copy(samples.resolve("etl/orders.schema.yaml"), inputs.resolve("orders.schema.yaml"));
    Files.write(
        inputs.resolve("churn.csv"),
        Files.readAllLines(samples.resolve("ml/customer-churn.csv")).subList(0, 201));
    Files.writeString(
        given.resolve("churn.yaml"),
        Files.readString(samples.resolve("ml/customer-churn.yaml"))
            .replace("input: customer-churn.csv", "input: missing.csv"));
    Files.writeString(inputs.resolve("people.csv"), "id,name\n1,ada\n2,grace\n3,edsger\n");
  }

  @AfterAll
  static void stop() throws Exception {
    try (PasswordPostgres p = postgres;
        EmbeddedS3 s = s3;
        EmbeddedDynamoDb d = dynamoDb) {
      // closed in reverse order
    }
  }

  /** The environment of a user who exported AWS credentials. */
  private static Map<String, String> aws(String secretKey) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", root.resolve("home").toString());
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", secretKey);
    env.put("AWS_SESSION_TOKEN", null);
    env.put("AWS_REGION", s3.region());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
    for (String unset :
        List.of(
            "AWS_PROFILE",
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_ENDPOINT_URL",
            "PGPASSWORD",
            "PGPASSFILE",
            "SLUICE_WAREHOUSE")) {
      env.put(unset, null);
    }
    return env;
  }

  /**
   * {@link #aws} with a session token: S3Proxy answers any request that carries one with 501 Not
   * Implemented, so only failing runs send it.
   */
  private static Map<String, String> awsWithToken(String secretKey) {
    Map<String, String> env = aws(secretKey);
    env.put("AWS_SESSION_TOKEN", SESSION_TOKEN);
    return env;
  }

  private static SluiceProcess.Result sluice(Map<String, String> env, String... args)
      throws Exception {
    return checked(args, SluiceProcess.cli(args).env(env).heap("1g").workDir(work).run());
  }

  private static SluiceProcess.Result checked(String[] args, SluiceProcess.Result r)
      throws IOException {
    SCAN.assertAbsent("the output of sluice " + String.join(" ", args), r.all());
    // What the test itself writes (inputs, pipelines with a password in them) is not searched.
    SCAN.assertAbsentUnder(root, file -> file.startsWith(given));
    return r;
  }

  /**
   * Runs the CLI as {@link #sluice} does, without the harness's SPARK_LOCAL_IP (so Spark binds what
   * the CLI tells it), and collects the sockets it listens on while it runs.
   */
  private static SluiceProcess.Result sluiceListening(
      Map<String, String> env, Set<ListeningSockets.Listener> seen, String... args)
      throws Exception {
    try (SluiceProcess p =
        SluiceProcess.cli(args)
            .env(env)
            .env("SPARK_LOCAL_IP", null)
            .heap("1g")
            .workDir(work)
            .start()) {
      // Bounded: at most 10 minutes of samples, 200 ms apart.
      for (int i = 0; i < 3_000 && p.process().isAlive(); i++) {
        try {
          seen.addAll(ListeningSockets.of(p.process().toHandle()));
        } catch (UncheckedIOException ended) {
          break;
        }
        Thread.sleep(200);
      }
      return checked(args, p.await(Duration.ofMinutes(1)));
    }
  }

  private static String s3Endpoint() {
    return s3.endpoint().toString();
  }

  @Test
  void pipelineRunOfAJobATrainingAWarehouseAndAKvLoad() throws Exception {
    Path pipeline = given.resolve("lake.yaml");
    Files.writeString(
        pipeline,
        String.join(
            "\n",
            "name: lake",
            "steps:",
            "  - {name: upload, kind: upload, from: '" + inputs + "', to: 's3://lake/raw'}",
            "  - name: etl",
            "    kind: job",
            "    job: etl",
            "    options: {input: 's3://lake/raw/orders.csv', schema: 's3://lake/raw/orders.schema.yaml',"
                + " output: 's3://lake/curated/orders', overwrite: true}",
            "  - name: train",
            "    kind: ml-train",
            "    spec: '" + given.resolve("churn.yaml") + "'",
            "    input: 's3://lake/raw/churn.csv'",
            "    algorithm: logistic",
            "    registry: 's3://lake/models'",
            "    model: churn",
            "  - {name: load, kind: load-warehouse, input: 's3://lake/raw/people.csv', format: csv,"
                + " table: people, mode: replace, target: '${warehouse}'}",
            "  - {name: kv, kind: load-kv, input: 's3://lake/raw/people.csv', table: people, key: id}",
            ""));
    Path events = Files.createDirectories(root.resolve("spark-events"));
    Map<String, String> env = aws(SECRET_KEY);
    env.put("PGPASSWORD", PG_PASSWORD);
    Set<ListeningSockets.Listener> listening = new LinkedHashSet<>();
    SluiceProcess.Result r =
        sluiceListening(
            env,
            listening,
            "pipeline",
            "run",
            pipeline.toString(),
            "--var",
            "warehouse=" + pgUrl(null),
            "--endpoint-url",
            s3Endpoint(),
            "--conf",
            "spark.sql.shuffle.partitions=2",
            "--conf",
            "spark.eventLog.enabled=true",
            "--conf",
            "spark.eventLog.dir=" + events.toUri());
    assertEquals(0, r.exitCode(), r.all());
    try (Stream<Path> logs = Files.list(events)) {
      assertTrue(logs.findAny().isPresent(), "no Spark event log written to " + events);
    }
    assertTrue(r.all().contains("rejected=1") || r.all().contains("rejected 1"), r.all());
    // Spark's driver (RPC, block manager) listened meanwhile, on loopback only.
    assertTrue(!listening.isEmpty(), "no listening socket seen during the run");
    assertEquals(
        List.of(),
        ListeningSockets.beyondLoopback(listening),
        "listening beyond loopback (all: " + listening + ")");
  }

  @Test
  void pipelineRunRefusedByTheWarehouse() throws Exception {
    Path pipeline = given.resolve("refused.yaml");
    Files.writeString(
        pipeline,
        "name: refused\nsteps:\n"
            + "  - {name: load, kind: load-warehouse, input: 's3://lake/in/people.csv', format: csv,"
            + " table: people, mode: replace, target: '"
            + pgUrl(WRONG_PG_PASSWORD)
            + "'}\n");
    SluiceProcess.Result r =
        sluice(
            aws(SECRET_KEY),
            "pipeline",
            "run",
            pipeline.toString(),
            "--endpoint-url",
            s3Endpoint());
    assertNotEquals(0, r.exitCode(), r.all());
  }

  @Test
  void loadWarehouseWithThePasswordInTheUrl() throws Exception {
    SluiceProcess.Result ok =
        sluice(
            aws(SECRET_KEY),
            "load",
            "warehouse",
            "--input",
            "s3://lake/in/people.csv",
            "--table",
            "people_url",
            "--target",
            pgUrl(PG_PASSWORD),
            "--endpoint-url",
            s3Endpoint());
    assertEquals(0, ok.exitCode(), ok.all());
  }

  @Test
  void loadWarehouseRefusedWithPgpassword() throws Exception {
    Map<String, String> env = awsWithToken(SECRET_KEY);
    env.put("PGPASSWORD", WRONG_PG_PASSWORD);
    SluiceProcess.Result r =
        sluice(
            env,
            "load",
            "warehouse",
            "--input",
            "s3://lake/in/people.csv",
            "--table",
            "people_refused",
            "--target",
            pgUrl(null),
            "--endpoint-url",
            s3Endpoint());
    assertNotEquals(0, r.exitCode(), r.all());
  }

  @Test
  void runRefusedByS3() throws Exception {
    SluiceProcess.Result r =
        sluice(
            aws(WRONG_SECRET_KEY),
            "run",
            "wordcount",
            "--input",
            "s3://lake/in/people.csv",
            "--output",
            "s3://lake/out/words",
            "--endpoint-url",
            s3Endpoint());
    assertNotEquals(0, r.exitCode(), r.all());
  }

  @Test
  void s3CopySucceedsThenIsRefused() throws Exception {
    SluiceProcess.Result ok =
        sluice(
            aws(SECRET_KEY),
            "s3",
            "cp",
            inputs.resolve("people.csv").toString(),
            "s3://lake/in/copied.csv",
            "--endpoint-url",
            s3Endpoint());
    assertEquals(0, ok.exitCode(), ok.all());
    SluiceProcess.Result refused =
        sluice(
            awsWithToken(WRONG_SECRET_KEY),
            "s3",
            "cp",
            inputs.resolve("people.csv").toString(),
            "s3://lake/in/refused.csv",
            "--endpoint-url",
            s3Endpoint());
    assertNotEquals(0, refused.exitCode(), refused.all());
  }

  @Test
  void mlTrainOnAMissingInput() throws Exception {
    SluiceProcess.Result r =
        sluice(
            awsWithToken(SECRET_KEY),
            "ml",
            "train",
            given.resolve("churn.yaml").toString(),
            "--registry",
            "s3://lake/models",
            "--name",
            "missing",
            "--endpoint-url",
            s3Endpoint());
    assertEquals(2, r.exitCode(), r.all());
  }

  @Test
  void loadKvOfAMissingInput() throws Exception {
    SluiceProcess.Result r =
        sluice(
            awsWithToken(SECRET_KEY),
            "load",
            "kv",
            "--input",
            "s3://lake/in/missing.csv",
            "--table",
            "people",
            "--key",
            "id",
            "--s3-endpoint",
            s3Endpoint());
    assertEquals(2, r.exitCode(), r.all());
  }

  @Test
  void packageWithARegistryPasswordAndK8sManifests() throws Exception {
    Map<String, String> env = awsWithToken(SECRET_KEY);
    env.put("REGISTRY_PASSWORD", REGISTRY_PASSWORD);
    SluiceProcess.Result pkg =
        sluice(
            env,
            "package",
            "--out",
            root.resolve("image.tar").toString(),
            "--base",
            root.resolve("no-such-base.tar").toString(),
            "--registry-username",
            "builder",
            "--registry-password-env",
            "REGISTRY_PASSWORD");
    assertNotEquals(0, pkg.exitCode(), pkg.all());
    Path manifests = root.resolve("manifests");
    SluiceProcess.Result k8s =
        sluice(
            env,
            "k8s",
            "manifests",
            "wordcount",
            "--image",
            "127.0.0.1:5000/sluice:1",
            "--out",
            manifests.toString(),
            "--input",
            "s3://lake/in/people.csv",
            "--output",
            "s3://lake/out/k8s");
    assertEquals(0, k8s.exitCode(), k8s.all());
  }
}
