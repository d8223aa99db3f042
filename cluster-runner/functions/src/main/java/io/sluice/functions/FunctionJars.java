package io.sluice.functions;

import io.sluice.concurrent.DaemonThreads;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The jars of one or more functions, opened as Lambda would run them: one class loader over the
 * jars (see {@link FunctionClassLoader}: the JDK, the jars, and Lambda's own {@code
 * com.amazonaws.services.lambda.runtime.*} packages from the host so events can be shared) and one
 * pool of daemon threads the invocations run on. Close it to release both; a function of closed
 * jars can no longer be invoked.
 */
public final class FunctionJars implements AutoCloseable {
  private static final AtomicInteger OPENED = new AtomicInteger();

  private final List<Path> jars;
  private final String jarNames;
  private final FunctionClassLoader loader;
  private final ExecutorService executor;

  private FunctionJars(List<Path> jars, FunctionClassLoader loader) {
    this.jars = List.copyOf(jars);
    this.jarNames = jars.stream().map(Path::toString).collect(Collectors.joining(", "));
    this.loader = loader;
    int id = OPENED.incrementAndGet();
    // Daemons: a handler that never returns must not keep the JVM alive.
    this.executor =
        Executors.newCachedThreadPool(DaemonThreads.numbered("sluice-function-" + id + "-"));
  }

  /**
   * Opens function jars.
   *
   * @throws FunctionException no jar given, or one that is missing, unreadable or not a jar
   */
  public static FunctionJars open(List<Path> jarFiles) {
    if (jarFiles == null || jarFiles.isEmpty()) {
      throw new FunctionException("no function jar given: name the jar that holds the handler");
    }
    List<Path> jars = new ArrayList<>();
    List<URL> urls = new ArrayList<>();
    for (Path jar : jarFiles) {
      if (!Files.isRegularFile(jar)) {
        throw new FunctionException("function jar " + jar + " does not exist or is not a file");
      }
      try (JarFile ignored = new JarFile(jar.toFile())) {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new FunctionException("function jar " + jar + " has no URL: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new FunctionException(
            "function jar " + jar + " is not a readable jar: " + e.getMessage(), e);
      }
      jars.add(jar);
    }
    String name = "sluice-functions-" + jars.get(0).getFileName();
    return new FunctionJars(
        jars,
        new FunctionClassLoader(
            name, urls.toArray(URL[]::new), FunctionJars.class.getClassLoader()));
  }

  /** The jars, as given. */
  public List<Path> jars() {
    return jars;
  }

  /** The class loader the handlers are loaded with. */
  public ClassLoader classLoader() {
    return loader;
  }

  /** {@link #function(String, FunctionSettings)} with the handler's defaults. */
  public LambdaFunction function(String handler) {
    return function(handler, null);
  }

  /**
   * Loads and constructs a handler: {@code com.example.Hello} (or Lambda's {@code
   * com.example.Hello::handleRequest}), a public class with a public no-argument constructor
   * implementing {@code RequestHandler<I, O>} or {@code RequestStreamHandler}. The instance is
   * created now, so {@link LambdaFunction#initDuration()} is its cold start.
   *
   * @param settings the function's name and memory; null for {@link
   *     FunctionSettings#defaultsFor(String)}
   * @throws FunctionException naming the class and the jars when it cannot be used
   */
  public LambdaFunction function(String handler, FunctionSettings settings) {
    String className = className(handler);
    FunctionSettings effective =
        settings != null ? settings : FunctionSettings.defaultsFor(className);
    long start = System.nanoTime();
    Class<?> c;
    try {
      // Loaded without initialising: a static initialiser's failure is reported as the
      // constructor's, below.
      c = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new FunctionException(
          "handler class " + className + " not found in " + jarNames + detail(e), e);
    }
    HandlerType type;
    try {
      type = HandlerType.of(c);
    } catch (RuntimeException | LinkageError e) {
      // A type the handler's declaration names (its input, output or a supertype) is missing.
      throw new FunctionException(
          "handler class "
              + className
              + " in "
              + jarNames
              + " names a type that cannot be loaded"
              + " from those jars: "
              + e,
          e);
    }
    if (type == null) {
      throw new FunctionException(
          "handler class "
              + className
              + " in "
              + jarNames
              + " implements neither com.amazonaws.services.lambda.runtime.RequestHandler nor"
              + " RequestStreamHandler");
    }
    if (!Modifier.isPublic(c.getModifiers())
        || Modifier.isAbstract(c.getModifiers())
        || (c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers()))) {
      throw new FunctionException(
          "handler class "
              + className
              + " in "
              + jarNames
              + " must be a public, concrete, top-level or static nested class");
    }
    Object instance;
    try {
      instance = construct(c, loader);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new FunctionException(
          "handler class "
              + className
              + " in "
              + jarNames
              + " has no public no-argument constructor",
          e);
    } catch (InvocationTargetException e) {
      throw constructorThrew(className, e.getCause());
    } catch (ExceptionInInitializerError e) {
      throw constructorThrew(className, e.getCause() != null ? e.getCause() : e);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw constructorThrew(className, e);
    }
    Duration init = Duration.ofNanos(System.nanoTime() - start);
    return new LambdaFunction(className, c, type, effective, loader, executor, instance, init);
  }

  /** A new instance of a handler class, with the jars' class loader as context class loader. */
  static Object construct(Class<?> c, ClassLoader loader) throws ReflectiveOperationException {
    Constructor<?> constructor = c.getConstructor();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return constructor.newInstance();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private FunctionException constructorThrew(String className, Throwable thrown) {
    return new FunctionException(
        "constructing handler "
            + className
            + " (from "
            + jarNames
            + ") failed: "
            + thrown.getClass().getName()
            + (thrown.getMessage() == null
                ? ""
                : ": " + FunctionFailedException.oneLine(thrown.getMessage())),
        thrown);
  }

  /**
   * The class of a Lambda handler string: {@code pkg.Class} or {@code pkg.Class::handleRequest}.
   */
  static String className(String handler) {
    if (handler == null || handler.isBlank()) {
      throw new FunctionException("no handler class given (e.g. com.example.Hello)");
    }
    String name = handler.strip();
    int method = name.indexOf("::");
    if (method >= 0) {
      if (!name.substring(method + 2).equals("handleRequest")) {
        throw new FunctionException(
            "handler "
                + handler
                + ": only handleRequest (RequestHandler, RequestStreamHandler) is"
                + " supported");
      }
      name = name.substring(0, method);
    }
    if (!name.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
      throw new FunctionException("handler '" + handler + "' is not a Java class name");
    }
    return name;
  }

  private static String detail(Throwable e) {
    return e instanceof ClassNotFoundException ? "" : " (" + e + ")";
  }

  /** Stops the invocation threads (interrupting running handlers) and closes the class loader. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      loader.close();
    } catch (IOException e) {
      // Only open jar files are released here; nothing a caller could act on.
    }
  }
}
