package io.sluice.runner.submit;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One checked submission: which job, on which engine, to which master, how, with which arguments.
 *
 * @param appJar the application jar as the cluster sees it: a local file, or {@code local:///...}
 *     inside an image; the user's jar when the job comes from the first one given, else Sluice's
 *     jobs jar
 * @param hadoopConfDir Hadoop/YARN client configuration (core-site.xml, yarn-site.xml), if any
 * @param extraJars the other jars the job needs, as the cluster sees them: Spark's {@code --jars},
 *     MapReduce's {@code -libjars}
 */
public record SubmitRequest(
    String job,
    Engine engine,
    SparkMaster master,
    DeployMode deployMode,
    Optional<String> image,
    Map<String, String> conf,
    String appJar,
    Optional<Path> hadoopConfDir,
    List<String> jobArgs,
    List<String> extraJars) {

  /** The ResourceManager's address as a Hadoop setting (MapReduce's -D) and as a Spark one. */
  public static final String RM_ADDRESS = "yarn.resourcemanager.address";

  public static final String SPARK_RM_ADDRESS = "spark.hadoop." + RM_ADDRESS;

  public SubmitRequest {
    conf = new LinkedHashMap<>(conf);
    jobArgs = List.copyOf(jobArgs);
    extraJars = List.copyOf(extraJars);
    if (engine == Engine.MAPREDUCE && master.kind() != SparkMaster.Kind.YARN) {
      throw new BadInputException(
          "--engine mapreduce is submitted to YARN only (--master yarn); "
              + "for a local MapReduce run use `sluice run "
              + job
              + " --engine mapreduce`");
    }
    if (master.kind() == SparkMaster.Kind.YARN && hadoopConfDir.isEmpty()) {
      // Without a configuration the client would try the built-in 0.0.0.0:8032 and retry for
      // minutes.
      String addressKey = engine == Engine.SPARK ? SPARK_RM_ADDRESS : RM_ADDRESS;
      if (!conf.containsKey(addressKey)) {
        throw new BadInputException(
            "--master yarn needs the cluster's client configuration: set HADOOP_CONF_DIR or "
                + "YARN_CONF_DIR to the directory holding its yarn-site.xml and core-site.xml, give --hadoop-conf-dir DIR, "
                + "or give --conf "
                + addressKey
                + "=HOST:PORT");
      }
    }
    if (master.kind() == SparkMaster.Kind.KUBERNETES && image.isEmpty()) {
      throw new BadInputException(
          "--master "
              + master.url()
              + " needs --image NAME:TAG (the image the driver "
              + "and executor pods run; build one with `sluice package`)");
    }
    if (master.kind() != SparkMaster.Kind.KUBERNETES && image.isPresent()) {
      throw new BadInputException("--image is for k8s:// masters only, not " + master.url());
    }
    if (master.kind() == SparkMaster.Kind.LOCAL && deployMode == DeployMode.CLUSTER) {
      throw new BadInputException(
          "--deploy-mode cluster needs a cluster; --master " + master.url() + " runs in-process");
    }
    if (hadoopConfDir.isPresent() && !hadoopConfDir.get().toFile().isDirectory()) {
      throw new BadInputException(
          "the Hadoop configuration directory "
              + hadoopConfDir.get()
              + " (--hadoop-conf-dir, else $HADOOP_CONF_DIR, else $YARN_CONF_DIR) is not a directory");
    }
  }

  /** Parses repeated {@code --conf key=value} options. */
  public static Map<String, String> parseConf(List<String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new BadInputException("--conf " + pair + " is not key=value");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }
    return out;
  }
}
