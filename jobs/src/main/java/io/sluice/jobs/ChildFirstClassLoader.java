package io.sluice.jobs;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader over a user's jars that looks in them before its parent, so a job can bring its
 * own versions of libraries the CLI also has (Guava, Jackson...). The Job contract, Sluice's
 * storage and errors, the engines, Scala, SLF4J and the JDK always come from the parent: a job's
 * classes must implement the very {@link Job} the registry loaded, and run on the one Spark and
 * Hadoop of the process.
 */
final class ChildFirstClassLoader extends URLClassLoader {

  /** Packages shared with the parent, whatever the jars hold. */
  static final List<String> PARENT_FIRST =
      List.of(
          "io.sluice.jobs.",
          "io.sluice.storage.",
          "io.sluice.errors.",
          "org.apache.spark.",
          "org.apache.hadoop.",
          "scala.",
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "org.slf4j.");

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

  ChildFirstClassLoader(URL[] jars, ClassLoader parent) {
    super("sluice-user-jars", jars, parent);
  }

  static boolean shared(String className) {
    for (String prefix : PARENT_FIRST) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        if (shared(name)) {
          // Parent first; the jars only for a class the parent lacks (a user's own class under a
          // shared name).
          try {
            c = getParent().loadClass(name);
          } catch (ClassNotFoundException e) {
            c = findClass(name);
          }
        } else {
          c = childFirst(name);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  private Class<?> childFirst(String name) throws ClassNotFoundException {
    try {
      // The JDK's own modules (java.sql, java.xml...) are never taken from a jar.
      return platform.loadClass(name);
    } catch (ClassNotFoundException notPlatform) {
      try {
        return findClass(name);
      } catch (ClassNotFoundException notInJars) {
        return getParent().loadClass(name);
      }
    }
  }

  @Override
  public URL getResource(String name) {
    if (shared(name.replace('/', '.'))) {
      URL url = getParent().getResource(name);
      return url != null ? url : findResource(name);
    }
    URL url = findResource(name);
    return url != null ? url : getParent().getResource(name);
  }

  /**
   * The jars' resources first, then the parent's: ServiceLoader sees the user's services files and
   * the built-in ones.
   */
  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
    urls.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(urls);
  }
}
