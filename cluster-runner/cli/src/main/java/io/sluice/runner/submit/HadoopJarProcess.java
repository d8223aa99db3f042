package io.sluice.runner.submit;

import io.sluice.runner.cluster.SparkRuntime;
import java.io.File;
import java.io.PrintWriter;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MapReduce job sent to YARN through the Hadoop job client, as {@code hadoop jar APP_JAR
 * MapReduceJobMain -D ... [-libjars JARS] JOB args} would: the job jar that travels to the
 * NodeManagers is the one the job's own {@code setJarByClass} finds (the thin app jar, or a user's
 * jar for a job of theirs), the other jars travel as {@code -libjars} ({@code tmpjars}) and are on
 * the tasks' classpath.
 */
public final class HadoopJarProcess {

  public static final String JOB_MAIN = "io.sluice.jobs.mapreduce.MapReduceJobMain";

  private final SubmitRequest request;

  public HadoopJarProcess(SubmitRequest request) {
    this.request = request;
  }

  public List<String> command(SparkRuntime runtime) {
    List<String> command = new ArrayList<>();
    command.add(runtime.javaExecutable().toString());
    command.add("-Xmx1g");
    command.addAll(runtime.jvmFlags());
    // The CLI's own log settings, so the job client's progress lines (map/reduce %) show as they do
    // in `sluice run`.
    URL logConfig = HadoopJarProcess.class.getClassLoader().getResource("log4j2.properties");
    if (logConfig != null && "file".equals(logConfig.getProtocol())) {
      command.add("-Dlog4j2.configurationFile=" + logConfig);
    }
    command.add("-cp");
    // The configuration directory first, as `hadoop` puts HADOOP_CONF_DIR first.
    StringBuilder cp = new StringBuilder();
    request
        .hadoopConfDir()
        .ifPresent(d -> cp.append(d.toAbsolutePath()).append(File.pathSeparator));
    cp.append(request.appJar()).append(File.pathSeparator);
    request.extraJars().forEach(j -> cp.append(j).append(File.pathSeparator));
    cp.append(runtime.classpath());
    command.add(cp.toString());
    command.add(JOB_MAIN);
    command.add("-D");
    command.add("mapreduce.framework.name=yarn");
    request
        .conf()
        .forEach(
            (k, v) -> {
              command.add("-D");
              command.add(k + "=" + v);
            });
    if (!request.extraJars().isEmpty()) {
      command.add("-libjars");
      command.add(String.join(",", request.extraJars()));
    }
    command.add(request.job());
    command.addAll(request.jobArgs());
    return command;
  }

  public int run(SparkRuntime runtime, PrintWriter out, PrintWriter err) {
    return ChildProcess.run("hadoop-job-client", command(runtime), Map.of(), out, err);
  }
}
