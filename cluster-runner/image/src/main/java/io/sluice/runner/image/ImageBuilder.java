package io.sluice.runner.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the jobs' OCI image with Jib, without a container daemon. Layers, from the least to the
 * most often changed: system files and native libraries, the Java runtime (both only for the
 * default jlink-ed base), Spark/Hadoop, third-party dependencies, the application. Every entry has
 * a fixed timestamp and owner and the entries are sorted, so the same inputs give the same digest.
 */
public final class ImageBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(ImageBuilder.class);

  public static final String LABEL_JOBS = "io.sluice.jobs";
  public static final String LABEL_REVISION = "org.opencontainers.image.revision";
  public static final String LABEL_SPARK = "io.sluice.spark.version";
  public static final String LABEL_HADOOP = "io.sluice.hadoop.version";
  public static final String LAYER_SYSTEM = "system";
  public static final String LAYER_JAVA = "java-runtime";

  private static final Instant FIXED_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;
  private static final String ROOT = "0:0";
  private static final String APP_USER = ImageLayout.USER + ":" + ImageLayout.USER;
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
    Logins logins = Logins.of(spec);
    try {
      Files.createDirectories(spec.cacheDir());
      ImageLayout layout = ImageLayout.of(spec.build().classpath(), spec.userJars());
      JibContainerBuilder container = from(spec.base(), logins.base());
      if (spec.base() instanceof BaseImage.Jlinked jlinked) {
        JlinkedRuntime runtime = JlinkedRuntime.prepare(jlinked, spec.cacheDir());
        container.addFileEntriesLayer(systemLayer(runtime, spec.cacheDir()));
        container.addFileEntriesLayer(javaLayer(runtime));
        // Insertion-ordered: the config's env order is part of the digest.
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", ImageLayout.JAVA_HOME);
        env.put("PATH", ImageLayout.JAVA_HOME + "/bin:/usr/bin:/bin");
        container.setEnvironment(env);
      }
      for (Map.Entry<String, List<ImageLayout.Entry>> layer : layout.byLayer().entrySet()) {
        boolean last = layer.getKey().equals(ImageLayout.LAYER_APPLICATION);
        container.addFileEntriesLayer(
            classpathLayer(
                layer.getKey(), layer.getValue(), last ? jvmArgsFile(spec, layout) : null));
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
      throw registryError(spec, logins, e);
    } catch (CacheDirectoryCreationException e) {
      throw new BadImageInputException(
          "cannot create the image cache " + spec.cacheDir() + ": " + e.getMessage());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RegistryException r) {
        throw registryError(spec, logins, r);
      }
      if (cause instanceof NoSuchFileException missing) {
        throw new BadImageInputException(
            "base image " + describe(spec.base()) + ": file " + missing.getFile() + " not found");
      }
      throw new ImageBuildException("building " + spec.image() + " failed: " + cause, cause);
    }
  }

  /**
   * The credential lookups of the registry images of one build: the --base's and the push target's.
   */
  private record Logins(RegistryCredentials.Lookup base, RegistryCredentials.Lookup target) {
    static Logins of(ImageSpec spec) {
      String login = spec.loginRegistry();
      RegistryCredentials.Lookup base = null;
      if (spec.base() instanceof BaseImage.Registry r) {
        ImageReference ref = ImageReferences.parse(r.reference(), "--base");
        base =
            spec.credentials().lookup(ref, ref.getRegistry().equals(login), ImageBuilder::logJib);
      }
      RegistryCredentials.Lookup target =
          spec.pushTarget() == null
              ? null
              : spec.credentials().lookup(spec.pushTarget(), true, ImageBuilder::logJib);
      return new Logins(base, target);
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

  private static String describe(BaseImage base) {
    if (base instanceof BaseImage.Registry r) {
      return r.reference();
    }
    if (base instanceof BaseImage.DockerArchive a) {
      return a.tar().toString();
    }
    return "jlink of " + ((BaseImage.Jlinked) base).javaHome();
  }

  private static RuntimeException registryError(
      ImageSpec spec, Logins logins, RegistryException e) {
    if (e instanceof RegistryUnauthorizedException u) {
      // The cause is Jib's ResponseException; its HttpResponseException accessor needs a shaded
      // class.
      int status =
          u.getCause() instanceof com.google.cloud.tools.jib.http.ResponseException r
              ? r.getStatusCode()
              : 401;
      return refused(
          logins, u.getImageReference(), status + (status == 403 ? " Forbidden" : " Unauthorized"));
    }
    if (e instanceof RegistryAuthenticationFailedException a) {
      return refused(
          logins, a.getServerUrl() + "/" + a.getImageName(), "token authentication failed");
    }
    if (e instanceof RegistryCredentialsNotSentException) {
      RegistryCredentials.Lookup lookup = logins.target() != null ? logins.target() : logins.base();
      String registry = lookup == null ? "the registry" : lookup.image().getRegistry();
      return new BadImageInputException(
          "registry "
              + registry
              + " speaks plain HTTP and wants a login; sluice sends"
              + " logins over HTTP only to loopback registries (127.0.0.1, localhost): serve it over TLS");
    }
    String message =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getMessage().lines().findFirst().orElse("");
    String name = e.getClass().getSimpleName();
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    if (name.contains("NotFound")
        || lower.contains("manifest unknown")
        || lower.contains("name unknown")
        || lower.contains("not found")
        || (lower.contains("tried to pull") && lower.contains("404"))) {
      return new BadImageInputException(
          "base image " + describe(spec.base()) + " not found: " + message);
    }
    return new ImageBuildException("registry error for " + spec.destination() + ": " + message, e);
  }

  /**
   * A registry's 401/403 as bad input naming the registry, the sources tried and how to log in.
   * Which of the two registry images was refused is told by the image Jib names.
   */
  private static BadImageInputException refused(Logins logins, String imageName, String reason) {
    RegistryCredentials.Lookup lookup = logins.target();
    String action = "push";
    if (logins.base() != null && (lookup == null || !sameImage(lookup.image(), imageName))) {
      lookup = logins.base();
      action = "pull the base image";
    }
    if (lookup == null) {
      return new BadImageInputException("registry refused " + imageName + " (" + reason + ")");
    }
    String registry = lookup.image().getRegistry();
    String login =
        "podman login "
            + (ImageReferences.isLoopback(lookup.image()) ? "--tls-verify=false " : "")
            + registry;
    String repository = lookup.image().getRepository();
    var used = lookup.used();
    if (used.isPresent()) {
      return new BadImageInputException(
          "registry "
              + registry
              + " refused the login from "
              + used.get().describe()
              + " to "
              + action
              + " "
              + repository
              + " ("
              + reason
              + "); check the user, password and its rights,"
              + " or log in again with `"
              + login
              + "`; credentials tried: "
              + lookup.tried());
    }
    return new BadImageInputException(
        "registry "
            + registry
            + " needs a login to "
            + action
            + " "
            + repository
            + " ("
            + reason
            + ") and none was found; tried: "
            + lookup.tried()
            + "; log in with `"
            + login
            + "` or pass "
            + RegistryCredentials.USERNAME_OPTION
            + " USER "
            + RegistryCredentials.PASSWORD_ENV_OPTION
            + " VAR"
            // Registries answer an anonymous pull of a missing image the same way (Docker Hub
            // does).
            + (lookup == logins.target() ? "" : "; check the base image's name too"));
  }

  private static boolean sameImage(ImageReference reference, String imageName) {
    String name = imageName == null ? "" : imageName;
    return name.startsWith(reference.getRegistry() + "/" + reference.getRepository())
        || name.equals(reference.getRepository())
        || name.startsWith(reference.getRepository() + ":");
  }

  private static void logJib(LogEvent e) {
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
  private JibContainer containerize(JibContainerBuilder container, ImageSpec spec, Logins logins)
      throws InterruptedException,
          RegistryException,
          IOException,
          CacheDirectoryCreationException,
          ExecutionException {
    boolean loopback =
        (logins.base() != null && ImageReferences.isLoopback(logins.base().image()))
            || (logins.target() != null && ImageReferences.isLoopback(logins.target().image()));
    if (!loopback) {
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

  private Containerizer containerizer(ImageSpec spec, Logins logins, boolean insecure) {
    Containerizer containerizer;
    if (spec.outputTar() != null) {
      containerizer =
          Containerizer.to(TarImage.at(spec.outputTar().toAbsolutePath()).named(spec.image()));
    } else {
      containerizer = Containerizer.to(registryImage(logins.target()));
    }
    ProgressReporter reporter = new ProgressReporter(progress);
    return containerizer
        .setBaseImageLayersCache(spec.cacheDir().resolve("jib-base"))
        .setApplicationLayersCache(spec.cacheDir().resolve("jib-layers"))
        // Registries on this machine's loopback speak plain HTTP (Debian's docker-registry); others
        // need TLS.
        .setAllowInsecureRegistries(insecure)
        .setToolName("sluice")
        .addEventHandler(LogEvent.class, ImageBuilder::logJib)
        .addEventHandler(ProgressEvent.class, reporter::accept);
  }

  /** glibc's loader and the libraries the runtime links, /etc/passwd with the image user, /tmp. */
  private static FileEntriesLayer systemLayer(JlinkedRuntime runtime, Path cacheDir)
      throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(LAYER_SYSTEM);
    List<JlinkedRuntime.HostFile> files = new ArrayList<>(runtime.hostFiles());
    Path etc = cacheDir.resolve("system-files");
    // Hadoop's login asks the OS for the user's name; a uid without a passwd entry fails it.
    files.add(
        new JlinkedRuntime.HostFile(
            stable(
                etc.resolve("passwd"),
                "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                    + "spark:x:185:185:sluice jobs:"
                    + ImageLayout.WORK_DIR
                    + ":/usr/sbin/nologin\n"),
            "/etc/passwd"));
    files.add(
        new JlinkedRuntime.HostFile(
            stable(etc.resolve("group"), "root:x:0:\nspark:x:185:\n"), "/etc/group"));
    files.sort((a, b) -> a.containerPath().compareTo(b.containerPath()));
    for (JlinkedRuntime.HostFile f : files) {
      // Generated files are world-readable whatever the umask made them; libraries keep their own
      // modes.
      FilePermissions mode =
          f.source().startsWith(etc)
              ? FilePermissions.fromOctalString("644")
              : permissions(f.source());
      layer.addEntry(f.source(), AbsoluteUnixPath.get(f.containerPath()), mode, FIXED_TIME, ROOT);
    }
    Path emptyDir = Files.createDirectories(cacheDir.resolve("empty-dir"));
    // No sticky bit: Jib writes three octal digits only; the container has a single user anyway.
    layer.addEntry(
        emptyDir,
        AbsoluteUnixPath.get("/tmp"),
        FilePermissions.fromOctalString("777"),
        FIXED_TIME,
        ROOT);
    layer.addEntry(
        emptyDir,
        AbsoluteUnixPath.get(ImageLayout.WORK_DIR),
        FilePermissions.fromOctalString("755"),
        FIXED_TIME,
        APP_USER);
    return layer.build();
  }

  private static FileEntriesLayer javaLayer(JlinkedRuntime runtime) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(LAYER_JAVA);
    Path root = runtime.runtime();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        layer.addEntry(
            p,
            AbsoluteUnixPath.get(ImageLayout.JAVA_HOME + "/" + rel),
            permissions(p),
            FIXED_TIME,
            ROOT);
      }
    }
    return layer.build();
  }

  private static FileEntriesLayer classpathLayer(
      String name, List<ImageLayout.Entry> entries, Path jvmArgs) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    List<ImageLayout.Entry> sorted =
        entries.stream().sorted((a, b) -> a.containerPath().compareTo(b.containerPath())).toList();
    FilePermissions file = FilePermissions.fromOctalString("644");
    for (ImageLayout.Entry e : sorted) {
      if (Files.isDirectory(e.source())) {
        try (Stream<Path> files = Files.walk(e.source())) {
          for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
            String rel = e.source().relativize(p).toString().replace('\\', '/');
            layer.addEntry(
                p, AbsoluteUnixPath.get(e.containerPath() + "/" + rel), file, FIXED_TIME, ROOT);
          }
        }
      } else {
        layer.addEntry(e.source(), AbsoluteUnixPath.get(e.containerPath()), file, FIXED_TIME, ROOT);
      }
    }
    if (jvmArgs != null) {
      layer.addEntry(
          jvmArgs, AbsoluteUnixPath.get(ImageLayout.JVM_ARGS_FILE), file, FIXED_TIME, ROOT);
    }
    return layer.build();
  }

  /** {@code java @jvm.args}: Spark's --add-opens flags and the classpath, one argument per line. */
  private static Path jvmArgsFile(ImageSpec spec, ImageLayout layout) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String flag : spec.build().jvmFlags()) {
      text.append(flag).append('\n');
    }
    text.append("-cp\n").append(layout.containerClasspath()).append('\n');
    return stable(
        spec.cacheDir().resolve("jvm-args").resolve(sha256(text.toString()).substring(0, 16)),
        text.toString());
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

  /** Writes a generated file only when its content changed, so Jib's layer cache still matches. */
  private static Path stable(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.write(tmp, bytes);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return file;
  }

  private static FilePermissions permissions(Path p) throws IOException {
    return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(p));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
