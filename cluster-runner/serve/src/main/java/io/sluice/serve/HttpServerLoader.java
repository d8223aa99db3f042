package io.sluice.serve;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the HTTP server (Javalin, Jetty 12, Servlet 6, Kotlin) in a class loader of its own: its
 * jars, listed at build time in {@value #CLASSPATH_RESOURCE}, are searched first for those
 * packages; everything else (the gateway's types, SLF4J) comes from the application. Spark puts
 * Servlet 5 on the application class path for its own Jetty 11, which Jetty 12 cannot run on, and
 * Servlet 6 would break Spark's UI. When the list is missing or stale the application class path is
 * used as it is.
 */
public final class HttpServerLoader {

  static final String CLASSPATH_RESOURCE = "http-server.classpath";

  static final String FACTORY = "io.sluice.serve.http.JavalinServerFactory";

  private static final String[] SERVER_PACKAGES = {
    "io.javalin.",
    "org.eclipse.jetty.",
    "jakarta.",
    "kotlin.",
    "org.objectweb.asm.",
    "org.intellij.lang.annotations.",
    "org.jetbrains.annotations.",
    "io.sluice.serve.http."
  };

  private static Http.ServerFactory factory;

  private HttpServerLoader() {}

  /** The server factory, loaded once per JVM. */
  public static synchronized Http.ServerFactory factory() {
    if (factory == null) {
      try {
        ClassLoader loader = loader();
        requireServlet6(loader);
        factory =
            (Http.ServerFactory)
                Class.forName(FACTORY, true, loader).getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot load the HTTP server " + FACTORY + ": " + e, e);
      }
    }
    return factory;
  }

  /**
   * Fails at start-up, naming the cause, rather than answering every request 500 when the jars of
   * the list are gone and the application class path has Spark's Servlet 5.
   */
  private static void requireServlet6(ClassLoader loader) {
    try {
      Class.forName("jakarta.servlet.ServletConnection", false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the HTTP server needs Servlet 6 (jakarta.servlet-api 6), but the class path has an older"
              + " one and the jars of "
              + CLASSPATH_RESOURCE
              + " are not where the build listed them");
    }
  }

  private static ClassLoader loader() {
    ClassLoader app = HttpServerLoader.class.getClassLoader();
    List<URL> urls = new ArrayList<>();
    try (InputStream in = HttpServerLoader.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        return app;
      }
      String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      // This module's classes first: the factory must be defined by the server's loader.
      urls.add(
          HttpServerLoader.class
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toURI()
              .toURL());
      for (String entry : listed.split(File.pathSeparator)) {
        Path jar = Path.of(entry);
        if (!Files.exists(jar)) {
          return app;
        }
        urls.add(jar.toUri().toURL());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return app;
    }
    return new ServerFirstLoader(urls.toArray(URL[]::new), app);
  }

  /** Child-first for the server's packages, parent-first for everything else. */
  private static final class ServerFirstLoader extends URLClassLoader {
    static {
      ClassLoader.registerAsParallelCapable();
    }

    ServerFirstLoader(URL[] urls, ClassLoader parent) {
      super("sluice-http-server", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!isServerClass(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public URL getResource(String name) {
      // Service files and resources of the server's jars before the application's.
      URL own = findResource(name);
      return own != null && isServerResource(name) ? own : super.getResource(name);
    }

    private static boolean isServerClass(String name) {
      for (String p : SERVER_PACKAGES) {
        if (name.startsWith(p)) {
          return true;
        }
      }
      return false;
    }

    private static boolean isServerResource(String name) {
      String asClass = name.replace('/', '.');
      return isServerClass(asClass) || name.startsWith("META-INF/services/org.eclipse.jetty");
    }
  }
}
