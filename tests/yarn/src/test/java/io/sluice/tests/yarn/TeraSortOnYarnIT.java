package io.sluice.tests.yarn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.jobs.RunSummary;
import io.sluice.jobs.tera.TeraRowGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.examples.terasort.TeraValidate;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.MRConfig;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sluice's MapReduce TeraSort on a real YARN mini-cluster (ResourceManager, NodeManager containers
 * for the AM, map and reduce tasks) over a MiniDFSCluster, its output validated by Hadoop's own
 * TeraValidate. The cluster setup is WordCountOnYarnIT's.
 */
@ExtendWith(SharedYarnCluster.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TeraSortOnYarnIT {

  private static final int RECORD = 100;
  private static final int ROWS = 10_000;

  private static LocalYarnCluster cluster;
  private static FileSystem fs;

  @BeforeAll
  static void startClusters(LocalYarnCluster shared) throws Exception {
    cluster = shared;
    fs = cluster.fileSystem();
  }

  @Test
  void teraSortOnYarnPassesHadoopsTeraValidate() throws Exception {
    // Two input files of TeraGen rows (Hadoop's layout, from Sluice's generator), written straight
    // to HDFS.
    byte[] data = rows(ROWS);
    Path input = fs.makeQualified(new Path("/tera/input"));
    write(new Path(input, "part-m-00000"), Arrays.copyOfRange(data, 0, 4_000 * RECORD));
    write(new Path(input, "part-m-00001"), Arrays.copyOfRange(data, 4_000 * RECORD, data.length));

    Path sorted = fs.makeQualified(new Path("/tera/sorted"));
    Set<String> before = cluster.applicationIds();
    RunSummary summary =
        cluster.runMapReduce(
            "terasort",
            Map.of("input", input.toString(), "output", sorted.toString(), "partitions", "3"));
    LocalYarnCluster.assertFinishedWell(
        cluster.newApplication("MAPREDUCE", before), "sluice terasort");
    assertEquals(
        List.of((long) ROWS, (long) ROWS, 0L, (long) ROWS),
        List.of(
            summary.counts().read(),
            summary.counts().accepted(),
            summary.counts().rejected(),
            summary.counts().written()),
        summary.toLine());
    FileStatus[] parts = fs.globStatus(new Path(sorted, "part-r-*"));
    assertEquals(3, parts.length, "one part file per reducer: " + Arrays.toString(parts));
    assertArrayEquals(
        sortedRecords(data), partFiles(sorted), "output is not the input sorted by unsigned bytes");

    // Hadoop's TeraValidate reads the sort's output from HDFS; the local job runner spares a second
    // round of YARN containers, which would check nothing more about our sort.
    Path report = fs.makeQualified(new Path("/tera/validate"));
    Configuration conf = cluster.clusterConf();
    conf.set(MRConfig.FRAMEWORK_NAME, MRConfig.LOCAL_FRAMEWORK_NAME);
    assertEquals(
        0,
        ToolRunner.run(
            conf, new TeraValidate(), new String[] {sorted.toString(), report.toString()}),
        "Hadoop's TeraValidate failed");
    String lines = new String(partFiles(report), StandardCharsets.UTF_8);
    assertEquals("checksum\t" + checksum(data) + "\n", lines, "Hadoop's TeraValidate report");
  }

  private static byte[] rows(int count) {
    TeraRowGenerator generator = new TeraRowGenerator(0);
    byte[] data = new byte[count * RECORD];
    byte[] record = new byte[RECORD];
    for (int i = 0; i < count; i++) {
      generator.next(record);
      System.arraycopy(record, 0, data, i * RECORD, RECORD);
    }
    return data;
  }

  private static byte[] sortedRecords(byte[] data) {
    List<byte[]> records = new ArrayList<>();
    for (int at = 0; at < data.length; at += RECORD) {
      records.add(Arrays.copyOfRange(data, at, at + RECORD));
    }
    records.sort(Arrays::compareUnsigned);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(r -> out.write(r, 0, RECORD));
    return out.toByteArray();
  }

  /**
   * Hadoop's Tera checksum computed here, independently: the sum of every record's CRC-32, in hex.
   */
  private static String checksum(byte[] data) {
    long sum = 0;
    CRC32 crc = new CRC32();
    for (int at = 0; at < data.length; at += RECORD) {
      crc.reset();
      crc.update(data, at, RECORD);
      sum += crc.getValue();
    }
    return Long.toHexString(sum);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(file)) {
      out.write(bytes);
    }
  }

  private static byte[] partFiles(Path dir) throws IOException {
    FileStatus[] parts = fs.globStatus(new Path(dir, "part-*"));
    Arrays.sort(parts);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (FileStatus part : parts) {
      try (InputStream in = fs.open(part.getPath())) {
        in.transferTo(all);
      }
    }
    return all.toByteArray();
  }
}
