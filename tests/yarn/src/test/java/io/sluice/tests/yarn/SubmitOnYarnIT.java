package io.sluice.tests.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code sluice submit wordcount --engine mapreduce --master yarn} as a user runs it: the CLI in a
 * JVM of its own (its own shaded Hadoop client, the cluster's address from a Hadoop configuration
 * directory) sends the thin job jar to a real ResourceManager (MiniMRYarnCluster over a
 * MiniDFSCluster), whose NodeManager runs the MRAppMaster and the tasks.
 */
@ExtendWith(SharedYarnCluster.class)
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class SubmitOnYarnIT {

  private static final Path WORK = SharedYarnCluster.targetDir("submit-on-yarn-it").toPath();

  @Test
  void cliSubmitsMapReduceWordCountToYarn(LocalYarnCluster cluster) throws Exception {
    FileSystem fs = cluster.fileSystem();
    List<String> lines = WordCountOnYarnIT.sampleLines();
    org.apache.hadoop.fs.Path input =
        fs.makeQualified(new org.apache.hadoop.fs.Path("/submit/in/words.txt"));
    cluster.writeLines(input, lines);
    org.apache.hadoop.fs.Path output =
        fs.makeQualified(new org.apache.hadoop.fs.Path("/submit/out"));
    Set<String> before = cluster.applicationIds();

    SluiceProcess.Result submitted =
        SluiceProcess.cli(
                "submit",
                "--engine",
                "mapreduce",
                "--master",
                "yarn",
                "--hadoop-conf-dir",
                clientConf(cluster).toString(),
                "wordcount",
                "--input",
                input.toString(),
                "--output",
                output.toString())
            .outputDir(WORK)
            .timeoutSeconds(300)
            .run();
    String out = submitted.stdout();
    assertEquals(0, submitted.exitCode(), out + submitted.stderr());
    assertTrue(
        out.contains(
            "wordcount [mapreduce] done: read="
                + lines.size()
                + " accepted="
                + lines.size()
                + " rejected=0"),
        out);
    assertTrue(out.contains("submit wordcount [mapreduce] to yarn (client mode): succeeded"), out);

    // It went through the ResourceManager as one new, successful MapReduce application.
    ApplicationReport app = cluster.newApplication("MAPREDUCE", before);
    assertEquals("sluice wordcount", app.getName());
    assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus());

    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(output, "part-r-00000"))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      assertEquals(
          new String(WordCountOnYarnIT.reference(lines), StandardCharsets.UTF_8),
          bytes.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * A client configuration of the cluster whose NodeManagers keep the MapReduce framework (a real
   * cluster's $HADOOP_MAPRED_HOME): here, this JVM's unshaded Hadoop jars, without any Sluice
   * classes: those must come from the job jar.
   */
  private static Path clientConf(LocalYarnCluster cluster) throws Exception {
    String testClasspath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String framework =
        Arrays.stream(testClasspath.split(File.pathSeparator))
            .filter(
                e ->
                    !e.contains("/sluice-")
                        && !e.endsWith("/classes")
                        && !e.endsWith("/test-classes"))
            // The shaded client jars are the submitter's, not the framework's: beside the unshaded
            // ones they clash.
            .filter(e -> !e.contains("hadoop-client-api") && !e.contains("hadoop-client-runtime"))
            .collect(java.util.stream.Collectors.joining(","));
    return cluster.writeClientConf(
        WORK.resolve("client-conf"),
        client -> client.set(MRJobConfig.MAPREDUCE_APPLICATION_CLASSPATH, framework));
  }
}
