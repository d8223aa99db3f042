package io.sluice.runner.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the jobs' OCI image with Jib, without a container daemon. Layers, from the least to the
 * most often changed: system files and native libraries, the Java runtime (both only for the
 * default jlink-ed base), Spark/Hadoop, third-party dependencies, the application ({@link
 * ImageLayers} makes them reproducible). Registry failures become sluice's exceptions in {@link
 * RegistryErrors}.
 */
public final class ImageBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(ImageBuilder.class);

  public static final String LABEL_JOBS = "io.sluice.jobs";
  public static final String LABEL_REVISION = "org.opencontainers.image.revision";
  public static final String LABEL_SPARK = "io.sluice.spark.version";
  public static final String LABEL_HADOOP = "io.sluice.hadoop.version";
  public static final String LAYER_SYSTEM = "system";
  public static final String LAYER_JAVA = "java-runtime";

  private static final Pattern SPARK_CORE = Pattern.compile("spark-core_[0-9.]+-(.+)\\.jar");
  private static final Pattern HADOOP_API = Pattern.compile("hadoop-client-api-(.+)\\.jar");

  /** Guards Jib's process-wide sendCredentialsOverHttp switch while a loopback build reads it. */
  private static final Object HTTP_CREDENTIALS_SWITCH = new Object();

  private final Consumer<String> progress;

  /**
   * @param progress receives periodic progress lines (e.g. the command's stderr)
   */
  public ImageBuilder(Consumer<String> progress) {
    this.progress = progress;
  }

  public BuiltImage build(ImageSpec spec) {
    long start = System.nanoTime();
    RegistryLogins logins = RegistryLogins.of(spec);
    try {
      Files.createDirectories(spec.cacheDir());
      ImageLayout layout = ImageLayout.of(spec.build().classpath(), spec.userJars());
      JibContainerBuilder container = from(spec.base(), logins.base());
      if (spec.base() instanceof BaseImage.Jlinked jlinked) {
        JlinkedRuntime runtime = JlinkedRuntime.prepare(jlinked, spec.cacheDir());
        container.addFileEntriesLayer(ImageLayers.systemLayer(runtime, spec.cacheDir()));
        container.addFileEntriesLayer(ImageLayers.javaLayer(runtime));
        // Insertion-ordered: the config's env order is part of the digest.
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", ImageLayout.JAVA_HOME);
        env.put("PATH", ImageLayout.JAVA_HOME + "/bin:/usr/bin:/bin");
        container.setEnvironment(env);
      }
      for (Map.Entry<String, List<ImageLayout.Entry>> layer : layout.byLayer().entrySet()) {
        boolean last = layer.getKey().equals(ImageLayout.LAYER_APPLICATION);
        container.addFileEntriesLayer(
            ImageLayers.classpathLayer(
                layer.getKey(),
                layer.getValue(),
                last ? ImageLayers.jvmArgsFile(spec, layout) : null));
      }
      container
          .addEnvironmentVariable("LANG", "C.UTF-8")
          .addEnvironmentVariable("SLUICE_HOME", ImageLayout.SLUICE_HOME)
          .addEnvironmentVariable("SLUICE_JVM_ARGS", ImageLayout.JVM_ARGS_FILE)
          .addEnvironmentVariable("HOME", ImageLayout.WORK_DIR);
      if (!layout.userJars().isEmpty()) {
        // The CLI in the container (`run JOB`, `jobs`) loads the users' jobs from here, as outside.
        container.addEnvironmentVariable(ImageLayout.USER_JARS_ENV, layout.userJars());
      }
      container
          .setEntrypoint(
              spec.base().javaExecutable(),
              "@" + ImageLayout.JVM_ARGS_FILE,
              ImageLayout.ENTRYPOINT_CLASS)
          .setProgramArguments("jobs")
          .setWorkingDirectory(AbsoluteUnixPath.get(ImageLayout.WORK_DIR))
          .setUser(ImageLayout.USER)
          .setLabels(labels(spec, layout))
          .setCreationTime(Instant.EPOCH)
          .setFormat(spec.format() == ImageSpec.Format.OCI ? ImageFormat.OCI : ImageFormat.Docker);
      JibContainer result = containerize(container, spec, logins);
      Duration time = Duration.ofNanos(System.nanoTime() - start);
      if (spec.outputTar() != null) {
        ImageDescription description = ImageArchive.read(spec.outputTar());
        return new BuiltImage(
            spec.destination(),
            result.getDigest().toString(),
            result.getImageId().toString(),
            description.layers(),
            Files.size(spec.outputTar()),
            time);
      }
      return new BuiltImage(
          spec.destination(),
          result.getDigest().toString(),
          result.getImageId().toString(),
          List.of(),
          0,
          time);
    } catch (IOException e) {
      throw new UncheckedIOException("building image " + spec.image(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while building " + spec.image());
    } catch (RegistryException e) {
      throw RegistryErrors.registryError(spec, logins, e);
    } catch (CacheDirectoryCreationException e) {
      throw new BadImageInputException(
          "cannot create the image cache " + spec.cacheDir() + ": " + e.getMessage());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RegistryException r) {
        throw RegistryErrors.registryError(spec, logins, r);
      }
      if (cause instanceof NoSuchFileException missing) {
        throw new BadImageInputException(
            "base image "
                + RegistryErrors.describe(spec.base())
                + ": file "
                + missing.getFile()
                + " not found");
      }
      throw new ImageBuildException("building " + spec.image() + " failed: " + cause, cause);
    }
  }

  private static RegistryImage registryImage(RegistryCredentials.Lookup lookup) {
    RegistryImage image = RegistryImage.named(lookup.image());
    lookup.retrievers().forEach(image::addCredentialRetriever);
    return image;
  }

  private static JibContainerBuilder from(BaseImage base, RegistryCredentials.Lookup login) {
    if (base instanceof BaseImage.Registry) {
      return Jib.from(registryImage(login));
    }
    if (base instanceof BaseImage.DockerArchive a) {
      return Jib.from(TarImage.at(a.tar()));
    }
    return Jib.fromScratch();
  }

  static void logJib(LogEvent e) {
    if (e.getLevel() == LogEvent.Level.ERROR || e.getLevel() == LogEvent.Level.WARN) {
      LOG.warn("jib: {}", e.getMessage());
    } else {
      LOG.debug("jib: {}", e.getMessage());
    }
  }

  /**
   * Jib sends logins over plain HTTP only with its process-wide sendCredentialsOverHttp property.
   * Loopback registries (the only ones spoken to over HTTP) get it for the duration of their build,
   * then it is put back; the lock keeps a concurrent build from seeing the other's value.
   */
  private JibContainer containerize(
      JibContainerBuilder container, ImageSpec spec, RegistryLogins logins)
      throws InterruptedException,
          RegistryException,
          IOException,
          CacheDirectoryCreationException,
          ExecutionException {
    if (!logins.anyLoopback()) {
      return container.containerize(containerizer(spec, logins, false));
    }
    synchronized (HTTP_CREDENTIALS_SWITCH) {
      String before = System.getProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP);
      System.setProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP, "true");
      try {
        return container.containerize(containerizer(spec, logins, true));
      } finally {
        if (before == null) {
          System.clearProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP);
        } else {
          System.setProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP, before);
        }
      }
    }
  }

  private Containerizer containerizer(ImageSpec spec, RegistryLogins logins, boolean insecure) {
    Containerizer containerizer;
    if (spec.outputTar() != null) {
      containerizer =
          Containerizer.to(TarImage.at(spec.outputTar().toAbsolutePath()).named(spec.image()));
    } else {
      containerizer = Containerizer.to(registryImage(logins.target()));
    }
    ProgressReporter reporter = new ProgressReporter(progress);
    // One layer cache for base and built layers: Jib files both by digest, so a registry base that
    // holds layers built here (an image `sluice package` pushed, as the next one's --base) is not
    // downloaded again.
    Path layers = spec.cacheDir().resolve("jib-layers");
    return containerizer
        .setBaseImageLayersCache(layers)
        .setApplicationLayersCache(layers)
        // Registries on this machine's loopback speak plain HTTP (Debian's docker-registry); others
        // need TLS.
        .setAllowInsecureRegistries(insecure)
        .setToolName("sluice")
        .addEventHandler(LogEvent.class, ImageBuilder::logJib)
        .addEventHandler(ProgressEvent.class, reporter::accept);
  }

  private Map<String, String> labels(ImageSpec spec, ImageLayout layout) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_JOBS, String.join(",", spec.jobs().stream().sorted().toList()));
    labels.put(LABEL_REVISION, spec.gitCommit());
    labels.put(LABEL_SPARK, versionOf(layout, SPARK_CORE));
    labels.put(LABEL_HADOOP, versionOf(layout, HADOOP_API));
    labels.put("org.opencontainers.image.title", "sluice jobs");
    labels.put(
        "io.sluice.entrypoint",
        "driver|executor (Spark on Kubernetes) | run JOB [options] | any sluice command");
    return labels;
  }

  private static String versionOf(ImageLayout layout, Pattern jar) {
    for (ImageLayout.Entry e : layout.entries()) {
      Matcher m = jar.matcher(e.source().getFileName().toString());
      if (m.matches()) {
        return m.group(1);
      }
    }
    return "none";
  }

  /** Turns Jib's fine-grained progress events into a line every 10%. */
  private static final class ProgressReporter {
    private final Consumer<String> out;
    private double done;
    private int lastDecile;

    ProgressReporter(Consumer<String> out) {
      this.out = out;
    }

    synchronized void accept(ProgressEvent event) {
      // Jib: an allocation is a share of its parent split into units; this is the share of the
      // whole.
      done += event.getAllocation().getFractionOfRoot() * event.getUnits();
      int decile = (int) Math.min(10, Math.floor(done * 10 + 1e-9));
      if (decile > lastDecile) {
        lastDecile = decile;
        out.accept(
            "package: " + decile * 10 + "% (" + event.getAllocation().getDescription() + ")");
      }
    }
  }
}
