package io.sluice.runner.submit;

import io.sluice.jobs.SluiceJobException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's Spark runtime jars, uploaded once to the YARN cluster's default file system and
 * reused by every later submission of the same runtime: what Spark's docs advise for {@code
 * spark.yarn.jars} (jars on HDFS are cached by the NodeManagers across applications), done for the
 * user. Without it each submission uploads ~0.5 GB to its staging directory.
 *
 * <p>The cache directory is named by a digest of the jars' names and sizes and is published by one
 * rename, so a half-finished upload is never used, and two concurrent uploads both end well.
 */
final class YarnJarCache {

  private static final Logger LOG = LoggerFactory.getLogger(YarnJarCache.class);

  /** Under the submitting user's home directory on the cluster's default file system. */
  static final String CACHE_DIR = ".sluice/spark-jars";

  private static final int PROGRESS_EVERY_JARS = 50;

  private final Configuration conf;

  private YarnJarCache(Configuration conf) {
    this.conf = conf;
  }

  /**
   * The client configuration: the directory's *-site.xml files, then any spark.hadoop.* settings
   * given.
   */
  static YarnJarCache forCluster(
      Optional<java.nio.file.Path> confDir, Map<String, String> sparkConf) {
    Configuration conf = new Configuration();
    confDir.ifPresent(
        dir -> {
          for (String site : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml")) {
            java.nio.file.Path file = dir.resolve(site);
            if (Files.isRegularFile(file)) {
              conf.addResource(new Path(file.toUri()));
            }
          }
        });
    sparkConf.forEach(
        (k, v) -> {
          if (k.startsWith("spark.hadoop.")) {
            conf.set(k.substring("spark.hadoop.".length()), v);
          }
        });
    return new YarnJarCache(conf);
  }

  /**
   * The jars as {@code spark.yarn.jars} should name them: in the cache on the cluster's file system
   * (uploading them first if this runtime was never uploaded), or, when the default file system is
   * the local one (nothing to share), the local files themselves.
   */
  List<String> jarUris(List<java.nio.file.Path> jars) {
    try {
      FileSystem fs = FileSystem.get(conf);
      if ("file".equals(fs.getUri().getScheme())) {
        return jars.stream().map(p -> p.toUri().toString()).toList();
      }
      Path dir = fs.makeQualified(new Path(fs.getHomeDirectory(), CACHE_DIR + "/" + digest(jars)));
      if (!fs.exists(dir)) {
        upload(fs, jars, dir);
      } else {
        LOG.info("Spark runtime jars already on the cluster: {}", dir);
      }
      return jars.stream().map(p -> new Path(dir, p.getFileName().toString()).toString()).toList();
    } catch (IOException e) {
      throw new SluiceJobException(
          "cannot put the Spark runtime jars on the cluster's file system ("
              + conf.get("fs.defaultFS")
              + "): "
              + e.getMessage()
              + "; or give --conf spark.yarn.jars=... / "
              + "spark.yarn.archive=... naming jars already there",
          e);
    }
  }

  private void upload(FileSystem fs, List<java.nio.file.Path> jars, Path dir) throws IOException {
    Path partial =
        new Path(dir.getParent(), "." + dir.getName() + "-" + UUID.randomUUID() + ".partial");
    long start = System.nanoTime();
    long bytes = 0;
    LOG.info(
        "uploading {} Spark runtime jars to {} (once: later submissions reuse them)",
        jars.size(),
        dir);
    try {
      fs.mkdirs(partial);
      int done = 0;
      for (java.nio.file.Path jar : jars) {
        fs.copyFromLocalFile(
            new Path(jar.toUri()), new Path(partial, jar.getFileName().toString()));
        bytes += Files.size(jar);
        if (++done % PROGRESS_EVERY_JARS == 0) {
          LOG.info("uploaded {}/{} jars, {} MiB", done, jars.size(), bytes >> 20);
        }
      }
      try {
        FileContext.getFileContext(fs.getUri(), conf).rename(partial, dir, Options.Rename.NONE);
      } catch (FileAlreadyExistsException raced) {
        // Another submission published the same runtime first; its copy is as good as ours.
        LOG.info("another submission uploaded the same jars first; using {}", dir);
      }
    } finally {
      if (fs.exists(partial)) {
        fs.delete(partial, true);
      }
    }
    LOG.info(
        String.format(
            Locale.ROOT,
            "uploaded %d jars, %d MiB, to %s in %.1fs",
            jars.size(),
            bytes >> 20,
            dir,
            (System.nanoTime() - start) / 1e9));
  }

  /** Names and sizes: a runtime's jar names carry their versions, so this tells runtimes apart. */
  static String digest(List<java.nio.file.Path> jars) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (java.nio.file.Path jar : jars) {
        sha.update(
            (jar.getFileName() + "\t" + Files.size(jar) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
