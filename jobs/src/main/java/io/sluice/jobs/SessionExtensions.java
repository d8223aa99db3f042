package io.sluice.jobs;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Supplier;

/**
 * Starts a Spark session without the extensions jars declare through {@link
 * java.util.ServiceLoader}. Spark reads {@code
 * META-INF/services/org.apache.spark.sql.SparkSessionExtensionsProvider} through the thread's
 * context class loader when it builds a session; on our classpath the one provider is MLlib's
 * {@code InternalFunctionRegistration}, whose set-up derives encoders through Scala reflection (its
 * runtime universe, type tags, Spark's error-class JSON): a tenth of a tiny run's CPU, for three
 * SQL functions only ML code calls.
 */
final class SessionExtensions {

  static final String PROVIDERS =
      "META-INF/services/org.apache.spark.sql.SparkSessionExtensionsProvider";

  private SessionExtensions() {}

  /** {@code start} with a context loader that lists no extension providers. */
  static <T> T withoutJars(Supplier<T> start) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(
        new HidingLoader(before != null ? before : SessionExtensions.class.getClassLoader()));
    try {
      return start.get();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /**
   * Its parent's classes and resources, but no extension providers. Spark keeps the loader it
   * starts with as the parent of local mode's task loader, so it only hides, never loads.
   */
  private static final class HidingLoader extends ClassLoader {
    HidingLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return PROVIDERS.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    @Override
    public URL getResource(String name) {
      return PROVIDERS.equals(name) ? null : super.getResource(name);
    }
  }
}
