package io.sluice.runner.submit;

import io.sluice.runner.cluster.MasterUnreachableException;
import io.sluice.runner.cluster.SparkRuntime;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Spark job handed to Spark's own {@code org.apache.spark.deploy.SparkSubmit}, in a JVM of its
 * own as the {@code spark-submit} script would start it, with the thin job jar as the application.
 * For YARN the cluster's address comes from the Hadoop configuration directory, as for
 * spark-submit.
 */
public final class SparkSubmission {

  public static final String SPARK_SUBMIT = "org.apache.spark.deploy.SparkSubmit";
  public static final String JOB_MAIN = "io.sluice.jobs.spark.SparkJobMain";
  private static final int CONNECT_TIMEOUT_MS = 3000;

  /** spark-submit's driver heap when nothing sets spark.driver.memory. */
  static final String DEFAULT_DRIVER_MEMORY = "1g";

  static final String YARN_JARS = "spark.yarn.jars";
  static final String YARN_ARCHIVE = "spark.yarn.archive";
  static final String YARN_POPULATE_HADOOP_CLASSPATH = "spark.yarn.populateHadoopClasspath";

  private final SubmitRequest request;
  private final boolean userMain;

  public SparkSubmission(SubmitRequest request) {
    this(request, false);
  }

  /**
   * @param userMain whether {@code request.job()} is a user's main class in the application jar
   *     (spark-submit's {@code --class}) rather than a Sluice job run by {@link #JOB_MAIN}
   */
  public SparkSubmission(SubmitRequest request, boolean userMain) {
    this.request = request;
    this.userMain = userMain;
  }

  /** The settings added to what the user gave; the user's own --conf always wins. */
  Map<String, String> effectiveConf(SparkRuntime runtime) {
    return effectiveConf(runtime, localUris(runtime));
  }

  /**
   * As above, with {@code spark.yarn.jars} naming the given jars (for YARN, unless the user named
   * jars).
   */
  private Map<String, String> effectiveConf(SparkRuntime runtime, List<String> yarnJars) {
    Map<String, String> conf = new LinkedHashMap<>();
    // spark-submit names an application after its main class.
    conf.put("spark.app.name", userMain ? request.job() : "sluice " + request.job());
    switch (request.master().kind()) {
      case STANDALONE -> {
        if (request.deployMode() == DeployMode.CLUSTER) {
          // Otherwise spark-submit returns as soon as the driver is placed, and its outcome is
          // unknown.
          conf.put("spark.standalone.submit.waitAppCompletion", "true");
        }
      }
      case KUBERNETES ->
          conf.put("spark.kubernetes.container.image", request.image().orElseThrow());
      case YARN -> conf.putAll(yarnConf(runtime, yarnJars));
      default -> {}
    }
    conf.putAll(request.conf());
    return conf;
  }

  /**
   * What YARN containers need that a Spark distribution's spark-defaults.conf would otherwise say:
   * the Spark runtime (this runner's own jars, kept on the cluster's file system by YarnJarCache,
   * unless the user points at jars or an archive already on the cluster) and the Java 17 flags, for
   * the AM, the driver (inside the AM in cluster mode) and the executors.
   */
  private Map<String, String> yarnConf(SparkRuntime runtime, List<String> yarnJars) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (shipsRuntimeJars()) {
      conf.put(YARN_JARS, String.join(",", yarnJars));
      // Those jars carry Hadoop's own client: the cluster's Hadoop jars beside them would be a
      // second copy.
      conf.put(YARN_POPULATE_HADOOP_CLASSPATH, "false");
    }
    String flags = String.join(" ", runtime.jvmFlags());
    if (!flags.isEmpty()) {
      conf.put("spark.executor.extraJavaOptions", flags);
      if (request.deployMode() == DeployMode.CLUSTER) {
        conf.put("spark.driver.extraJavaOptions", flags);
      } else {
        // In client mode the AM only asks for executors; the driver is the spark-submit JVM, which
        // has the flags.
        conf.put("spark.yarn.am.extraJavaOptions", flags);
      }
    }
    return conf;
  }

  private boolean shipsRuntimeJars() {
    return request.master().kind() == SparkMaster.Kind.YARN
        && !request.conf().containsKey(YARN_JARS)
        && !request.conf().containsKey(YARN_ARCHIVE);
  }

  private static List<String> localUris(SparkRuntime runtime) {
    return runtime.jars().stream().map(p -> p.toUri().toString()).toList();
  }

  /** spark-submit's own arguments, as a user would type them after {@code spark-submit}. */
  public List<String> sparkSubmitArgs(SparkRuntime runtime) {
    return sparkSubmitArgs(runtime, localUris(runtime));
  }

  private List<String> sparkSubmitArgs(SparkRuntime runtime, List<String> yarnJars) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--class",
                userMain ? request.job() : JOB_MAIN,
                "--master",
                request.master().url(),
                "--deploy-mode",
                request.deployMode().flag()));
    effectiveConf(runtime, yarnJars)
        .forEach(
            (k, v) -> {
              args.add("--conf");
              args.add(k + "=" + v);
            });
    if (!request.extraJars().isEmpty()) {
      args.add("--jars");
      args.add(String.join(",", request.extraJars()));
    }
    args.add(request.appJar());
    if (!userMain) {
      args.add(request.job());
    }
    args.addAll(request.jobArgs());
    return args;
  }

  public List<String> command(SparkRuntime runtime) {
    return command(runtime, localUris(runtime));
  }

  private List<String> command(SparkRuntime runtime, List<String> yarnJars) {
    List<String> command = new ArrayList<>();
    command.add(runtime.javaExecutable().toString());
    command.add("-Xmx" + submitHeap());
    command.addAll(runtime.jvmFlags());
    URL logConfig = SparkSubmission.class.getClassLoader().getResource("log4j2.properties");
    if (logConfig != null && "file".equals(logConfig.getProtocol())) {
      command.add("-Dlog4j2.configurationFile=" + logConfig);
    }
    command.add("-cp");
    // The configuration directory first, as spark-submit puts HADOOP_CONF_DIR first.
    command.add(
        request.hadoopConfDir().map(d -> d.toAbsolutePath() + File.pathSeparator).orElse("")
            + runtime.classpath());
    command.add(SPARK_SUBMIT);
    command.addAll(sparkSubmitArgs(runtime, yarnJars));
    return command;
  }

  /**
   * The heap of the spark-submit JVM: in client mode it is the driver, sized by spark.driver.memory
   * as Spark's launcher sizes it; in cluster mode it only submits.
   */
  String submitHeap() {
    return request.deployMode() == DeployMode.CLIENT
        ? request.conf().getOrDefault("spark.driver.memory", DEFAULT_DRIVER_MEMORY)
        : DEFAULT_DRIVER_MEMORY;
  }

  /** Checks the master answers, then runs spark-submit to completion; returns its exit code. */
  public int run(SparkRuntime runtime, PrintWriter out, PrintWriter err) {
    if (request.master().kind() == SparkMaster.Kind.STANDALONE) {
      checkReachable(request.master());
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    if (request.master().kind() != SparkMaster.Kind.YARN) {
      return ChildProcess.run("spark-submit", command(runtime), env, out, err);
    }
    // SparkSubmit insists on HADOOP_CONF_DIR or YARN_CONF_DIR, and its YARN client ships that
    // directory's
    // files to the containers. Given only --conf spark.hadoop.yarn.resourcemanager.address, an
    // empty one does.
    Path emptyConfDir = null;
    try {
      Path confDir = request.hadoopConfDir().orElse(null);
      if (confDir == null) {
        emptyConfDir = Files.createTempDirectory("sluice-hadoop-conf");
        confDir = emptyConfDir;
      }
      env.put("HADOOP_CONF_DIR", confDir.toAbsolutePath().toString());
      env.put("YARN_CONF_DIR", confDir.toAbsolutePath().toString());
      List<String> yarnJars =
          shipsRuntimeJars()
              ? YarnJarCache.forCluster(request.hadoopConfDir(), request.conf())
                  .jarUris(runtime.jars())
              : List.of();
      return ChildProcess.run("spark-submit", command(runtime, yarnJars), env, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary Hadoop configuration directory", e);
    } finally {
      if (emptyConfDir != null) {
        emptyConfDir.toFile().delete();
      }
    }
  }

  static void checkReachable(SparkMaster master) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(master.host(), master.port()), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      throw new MasterUnreachableException(
          master.url(), e.getMessage() == null ? new IOException(e.getClass().getSimpleName()) : e);
    }
  }
}
