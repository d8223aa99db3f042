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
 * @param appJar the job jar as the cluster sees it: a local file, or {@code local:///...} inside an image
 * @param hadoopConfDir Hadoop/YARN client configuration (core-site.xml, yarn-site.xml), if any
 */
public record SubmitRequest(String job, Engine engine, SparkMaster master, DeployMode deployMode,
    Optional<String> image, Map<String, String> conf, String appJar, Optional<Path> hadoopConfDir,
    List<String> jobArgs) {

  public SubmitRequest {
    conf = new LinkedHashMap<>(conf);
    jobArgs = List.copyOf(jobArgs);
    if (engine == Engine.MAPREDUCE && master.kind() != SparkMaster.Kind.YARN) {
      throw new BadInputException("--engine mapreduce is submitted to YARN only (--master yarn); "
          + "for a local MapReduce run use `sluice run " + job + " --engine mapreduce`");
    }
    if (engine == Engine.SPARK && master.kind() == SparkMaster.Kind.YARN) {
      throw new BadInputException("--master yarn takes MapReduce jobs (--engine mapreduce); Spark on YARN "
          + "(spark-yarn) is not bundled: submit Spark jobs to local[*], spark:// or k8s://");
    }
    if (master.kind() == SparkMaster.Kind.KUBERNETES && image.isEmpty()) {
      throw new BadInputException("--master " + master.url() + " needs --image NAME:TAG (the image the driver "
          + "and executor pods run; build one with `sluice package`)");
    }
    if (master.kind() != SparkMaster.Kind.KUBERNETES && image.isPresent()) {
      throw new BadInputException("--image is for k8s:// masters only, not " + master.url());
    }
    if (master.kind() == SparkMaster.Kind.LOCAL && deployMode == DeployMode.CLUSTER) {
      throw new BadInputException("--deploy-mode cluster needs a cluster; --master " + master.url() + " runs in-process");
    }
    if (hadoopConfDir.isPresent() && !hadoopConfDir.get().toFile().isDirectory()) {
      throw new BadInputException("--hadoop-conf-dir " + hadoopConfDir.get() + " is not a directory");
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
