package io.sluice.functions;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of a function's jars, as isolated as Lambda's: a handler sees the JDK, its own
 * jars and Lambda's runtime interfaces ({@code com.amazonaws.services.lambda.runtime.*}: core,
 * events, serialization), and nothing else of the host. So a handler that runs here does not run
 * only because Sluice happens to carry a library the deployed jar lacks, and the jar's own copy of
 * a library never reaches the host.
 *
 * <p>Lambda's packages come from the host first (whatever copy the jar bundles, as fat jars do) so
 * that an event built by the host is an instance of the very class the handler was compiled
 * against; the jars are searched only for a class of those packages the host lacks.
 */
final class FunctionClassLoader extends URLClassLoader {

  /** Shared with the host: the handler interfaces, Context, the event classes, serialization. */
  static final String SHARED_PREFIX = "com.amazonaws.services.lambda.runtime.";

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final ClassLoader host;

  FunctionClassLoader(String name, URL[] jars, ClassLoader host) {
    // The platform loader as parent: the JDK's modules, never a class of the host's classpath.
    super(name, jars, ClassLoader.getPlatformClassLoader());
    this.host = host;
  }

  private static boolean shared(String className) {
    return className.startsWith(SHARED_PREFIX);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!shared(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        try {
          c = host.loadClass(name);
        } catch (ClassNotFoundException notInHost) {
          c = findClass(name);
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
    if (shared(name.replace('/', '.'))) {
      URL url = host.getResource(name);
      if (url != null) {
        return url;
      }
    }
    return super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (!shared(name.replace('/', '.'))) {
      return super.getResources(name);
    }
    List<URL> urls = new ArrayList<>(Collections.list(host.getResources(name)));
    urls.addAll(Collections.list(super.getResources(name)));
    return Collections.enumeration(urls);
  }
}
