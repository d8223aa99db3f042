package io.sluice.functions;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Builds a jar of Lambda handlers at test time, as a user's build would: sources compiled with the
 * JDK's compiler against {@code aws-lambda-java-core} and {@code aws-lambda-java-events} (on the
 * test classpath), jarred. The handlers use only the JDK and those interfaces, so the same jar
 * would deploy to Lambda. Other modules' tests reuse it through this module's test-jar.
 *
 * <p>{@link #build(Path)} writes the sample handlers below; {@link #jar} compiles any sources.
 */
public final class HandlerJar {

  /** The package of the sample handlers; outside io.sluice, as a user's would be. */
  public static final String PACKAGE = "com.example.functions";

  /**
   * {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>}: 200 with a JSON body
   * echoing the request (greeting "hello, NAME" where NAME is the path parameter {@code name}, else
   * the query parameter, else "world"; method, rawPath, routeKey, pathParameters,
   * queryStringParameters, cookies, body, isBase64Encoded) and the context (requestId,
   * functionName, memoryMb, remainingMs), the instance's identity and its invocation count; header
   * {@code x-request-id} is the context's request id. Logs one line through the context's logger.
   */
  public static final String HELLO = PACKAGE + ".Hello";

  /**
   * {@code RequestHandler<Map<String,Object>, String>} throwing IllegalStateException "no greeting
   * for NAME".
   */
  public static final String FAILS = PACKAGE + ".Fails";

  /** {@code RequestHandler<Map<String,Object>, String>} that waits until interrupted. */
  public static final String BLOCKS = PACKAGE + ".Blocks";

  /**
   * {@code RequestHandler<Map<String,Object>, String>}: waits (10 s at most) until a second
   * invocation is inside too, then returns "instance " and its instance's identity; throws if one
   * instance is entered twice at once. Two concurrent invocations pass only when they run in
   * parallel on two instances.
   */
  public static final String RENDEZVOUS = PACKAGE + ".Rendezvous";

  /** {@code RequestStreamHandler}: writes its input upper-cased. */
  public static final String UPPER = PACKAGE + ".Upper";

  /**
   * {@code RequestHandler<Greeter.Request, Greeter.Response>} (POJOs): {"name":"ada"} ->
   * {"greeting":"hello, ada"}.
   */
  public static final String GREETER = PACKAGE + ".Greeter";

  /**
   * {@code RequestHandler<Map<String,Object>, Map<String,Object>>}: for rawPath {@code /created} a
   * map with statusCode 201, header x-kind: map and body "created"; else {"routeKey": the event's}.
   */
  public static final String MAP_ECHO = PACKAGE + ".MapEcho";

  /** Returns {@code org.slf4j.LoggerFactory.origin()}: the jar's own copy of that class. */
  public static final String SHADOW = PACKAGE + ".Shadow";

  /** What the jar's own {@code org.slf4j.LoggerFactory.origin()} returns. */
  public static final String SHADOW_ORIGIN = "the function's own LoggerFactory";

  /** A handler whose only constructor takes an argument. */
  public static final String NO_DEFAULT_CONSTRUCTOR = PACKAGE + ".NeedsArgument";

  /** A handler whose constructor throws IllegalStateException "missing setting TABLE". */
  public static final String THROWS_IN_CONSTRUCTOR = PACKAGE + ".BrokenInit";

  /** A public class implementing no handler interface. */
  public static final String NOT_A_HANDLER = PACKAGE + ".NotAHandler";

  private HandlerJar() {}

  /** Compiles the sample handlers and writes the jar; returns its absolute path. */
  public static Path build(Path jar) {
    return jar(jar, HandlerSources.all(), Map.of());
  }

  /**
   * Compiles {@code sources} (class name to Java text) against the test classpath and jars the
   * classes with {@code resources} (entry name to text).
   */
  public static Path jar(Path jar, Map<String, String> sources, Map<String, String> resources) {
    try {
      Path work = Files.createTempDirectory("handler-jar-src");
      Path src = Files.createDirectories(work.resolve("src"));
      Path classes = Files.createDirectories(work.resolve("classes"));
      List<String> files = new ArrayList<>();
      for (Map.Entry<String, String> s : new LinkedHashMap<>(sources).entrySet()) {
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
        throw new IllegalStateException("compiling the handlers failed:\n" + diagnostics);
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

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setTime(315532800000L); // 1980-01-01: the same sources give the same bytes
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }

  /** The classpath the test runs with (Surefire and Failsafe name it). */
  public static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
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
