package io.sluice.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A jar built at test time as a user's build would make it: Java sources compiled with the JDK's
 * compiler against the test classpath, then jarred with resources. Entries are sorted and dated
 * 1980-01-01, so the same sources give the same bytes (image layers compare digests).
 */
public final class SourceJar {
  private SourceJar() {}

  /**
   * Compiles {@code sources} (class name to Java text) against {@link #testClasspath()} and writes
   * the classes with {@code resources} (entry name to text) to {@code jar}.
   *
   * @param what names the sources in the error when they do not compile
   * @return the jar's absolute path
   */
  public static Path build(
      Path jar, Map<String, String> sources, Map<String, String> resources, String what) {
    try {
      Path work = Files.createTempDirectory("source-jar");
      Path src = Files.createDirectories(work.resolve("src"));
      Path classes = Files.createDirectories(work.resolve("classes"));
      List<String> files = new ArrayList<>();
      for (Map.Entry<String, String> s : sources.entrySet()) {
        Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, s.getValue());
        files.add(file.toString());
      }
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      if (compiler == null) {
        throw new IllegalStateException(
            "no Java compiler in " + System.getProperty("java.home") + ": run the tests on a JDK");
      }
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--release",
                  "17",
                  "-proc:none",
                  "-implicit:none",
                  "-classpath",
                  testClasspath(),
                  "-d",
                  classes.toString()));
      args.addAll(files);
      StringWriter diagnostics = new StringWriter();
      OutputStream out = new WriterStream(diagnostics);
      if (compiler.run(null, out, out, args.toArray(String[]::new)) != 0) {
        throw new IllegalStateException("compiling " + what + " failed:\n" + diagnostics);
      }
      Files.createDirectories(jar.toAbsolutePath().getParent());
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      try (JarOutputStream jarOut = new JarOutputStream(Files.newOutputStream(jar), manifest);
          Stream<Path> walk = Files.walk(classes)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          put(
              jarOut,
              classes.relativize(p).toString().replace(File.separatorChar, '/'),
              Files.readAllBytes(p));
        }
        for (Map.Entry<String, String> r : new TreeMap<>(resources).entrySet()) {
          put(jarOut, r.getKey(), r.getValue().getBytes(StandardCharsets.UTF_8));
        }
      }
      return jar.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The classpath the test runs with (Surefire and Failsafe name it; a manifest-only jar hides it).
   */
  public static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setTime(315532800000L); // 1980-01-01, the zip epoch
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }

  /** javax.tools wants streams; diagnostics are collected as text. */
  private static final class WriterStream extends OutputStream {
    private final StringWriter writer;

    WriterStream(StringWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      writer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writer.write(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }
}
