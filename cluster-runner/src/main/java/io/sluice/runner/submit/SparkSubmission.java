package io.sluice.runner.submit;

import io.sluice.runner.cluster.MasterUnreachableException;
import io.sluice.runner.cluster.SparkRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Spark job handed to Spark's own {@code org.apache.spark.deploy.SparkSubmit}, in a JVM of its
 * own as the {@code spark-submit} script would start it, with the thin job jar as the application.
 */
public final class SparkSubmission {

  public static final String SPARK_SUBMIT = "org.apache.spark.deploy.SparkSubmit";
  public static final String JOB_MAIN = "io.sluice.jobs.spark.SparkJobMain";
  private static final int CONNECT_TIMEOUT_MS = 3000;
  private static final String SUBMIT_HEAP = "-Xmx1g";

  private final SubmitRequest request;

  public SparkSubmission(SubmitRequest request) {
    this.request = request;
  }

  /** The settings added to what the user gave; the user's own --conf always wins. */
  Map<String, String> effectiveConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.app.name", "sluice " + request.job());
    switch (request.master().kind()) {
      case STANDALONE -> {
        if (request.deployMode() == DeployMode.CLUSTER) {
          // Otherwise spark-submit returns as soon as the driver is placed, and its outcome is unknown.
          conf.put("spark.standalone.submit.waitAppCompletion", "true");
        }
      }
      case KUBERNETES -> conf.put("spark.kubernetes.container.image", request.image().orElseThrow());
      default -> { }
    }
    conf.putAll(request.conf());
    return conf;
  }

  /** spark-submit's own arguments, as a user would type them after {@code spark-submit}. */
  public List<String> sparkSubmitArgs() {
    List<String> args = new ArrayList<>(List.of("--class", JOB_MAIN, "--master", request.master().url(),
        "--deploy-mode", request.deployMode().flag()));
    effectiveConf().forEach((k, v) -> {
      args.add("--conf");
      args.add(k + "=" + v);
    });
    args.add(request.appJar());
    args.add(request.job());
    args.addAll(request.jobArgs());
    return args;
  }

  public List<String> command(SparkRuntime runtime) {
    List<String> command = new ArrayList<>();
    command.add(runtime.javaExecutable().toString());
    command.add(SUBMIT_HEAP);
    command.addAll(runtime.jvmFlags());
    URL logConfig = SparkSubmission.class.getClassLoader().getResource("log4j2.properties");
    if (logConfig != null && "file".equals(logConfig.getProtocol())) {
      command.add("-Dlog4j2.configurationFile=" + logConfig);
    }
    command.add("-cp");
    command.add(runtime.classpath());
    command.add(SPARK_SUBMIT);
    command.addAll(sparkSubmitArgs());
    return command;
  }

  /** Checks the master answers, then runs spark-submit to completion; returns its exit code. */
  public int run(SparkRuntime runtime, PrintWriter out, PrintWriter err) {
    if (request.master().kind() == SparkMaster.Kind.STANDALONE) {
      checkReachable(request.master());
    }
    return ChildProcess.run("spark-submit", command(runtime), Map.of("SPARK_LOCAL_IP", "127.0.0.1"), out, err);
  }

  static void checkReachable(SparkMaster master) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(master.host(), master.port()), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      throw new MasterUnreachableException(master.url(),
          e.getMessage() == null ? new IOException(e.getClass().getSimpleName()) : e);
    }
  }
}
