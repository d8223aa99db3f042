package io.sluice.runner.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The image's file layers and the files generated for them. Every entry has a fixed timestamp and
 * owner and the entries are sorted, so the same inputs give the same digest.
 */
final class ImageLayers {

  private static final Instant FIXED_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;
  private static final String ROOT = "0:0";
  private static final String APP_USER = ImageLayout.USER + ":" + ImageLayout.USER;

  private ImageLayers() {}

  /** glibc's loader and the libraries the runtime links, /etc/passwd with the image user, /tmp. */
  static FileEntriesLayer systemLayer(JlinkedRuntime runtime, Path cacheDir) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(ImageBuilder.LAYER_SYSTEM);
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

  static FileEntriesLayer javaLayer(JlinkedRuntime runtime) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(ImageBuilder.LAYER_JAVA);
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

  static FileEntriesLayer classpathLayer(String name, List<ImageLayout.Entry> entries, Path jvmArgs)
      throws IOException {
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
  static Path jvmArgsFile(ImageSpec spec, ImageLayout layout) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String flag : spec.build().jvmFlags()) {
      text.append(flag).append('\n');
    }
    text.append("-cp\n").append(layout.containerClasspath()).append('\n');
    return stable(
        spec.cacheDir().resolve("jvm-args").resolve(sha256(text.toString()).substring(0, 16)),
        text.toString());
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
}
