package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.spark.sql.SparkSessionExtensionsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Spark sees through the context loader while {@link SessionExtensions#withoutJars} starts a
 * session: no extension providers, every class and other resource as before, and the thread's
 * loader put back afterwards.
 */
class SessionExtensionsTest {

  @Test
  void hidesOnlyTheProvidersWhileTheSessionStarts(@TempDir Path jar) throws Exception {
    Path services = jar.resolve(SessionExtensions.PROVIDERS);
    Files.createDirectories(services.getParent());
    Files.writeString(services, "com.example.Extensions\n");
    Files.writeString(jar.resolve("other.txt"), "other");
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader withProvider =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      thread.setContextClassLoader(withProvider);
      assertEquals(
          1, Collections.list(withProvider.getResources(SessionExtensions.PROVIDERS)).size());

      SessionExtensions.withoutJars(
          () -> {
            ClassLoader seen = thread.getContextClassLoader();
            try {
              assertEquals(
                  0, Collections.list(seen.getResources(SessionExtensions.PROVIDERS)).size());
              assertNull(seen.getResource(SessionExtensions.PROVIDERS));
              assertEquals(1, Collections.list(seen.getResources("other.txt")).size());
              // Classes are the parent's own, so sessions and tasks share them with the caller.
              assertSame(
                  SparkSessionExtensionsProvider.class,
                  seen.loadClass(SparkSessionExtensionsProvider.class.getName()));
              assertEquals(
                  0,
                  java.util.ServiceLoader.load(SparkSessionExtensionsProvider.class, seen).stream()
                      .count());
            } catch (Exception e) {
              throw new AssertionError(e);
            }
            return null;
          });

      assertSame(withProvider, thread.getContextClassLoader());
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
