package io.sluice.storage.s3;

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
 * The class loader S3Proxy runs in: its own jars (listed at build time in {@value
 * #CLASSPATH_RESOURCE}) over the JDK only, so its Jetty 12 / Servlet 6 / Jackson never meet
 * Spark's. When the list is missing or stale (a jar installed elsewhere), S3Proxy is loaded from
 * the current class path.
 */
final class S3ProxyClassLoader {

  static final String CLASSPATH_RESOURCE = "s3proxy.classpath";

  private static ClassLoader loader;

  private S3ProxyClassLoader() {}

  static synchronized ClassLoader get() {
    if (loader == null) {
      loader = create();
    }
    return loader;
  }

  private static ClassLoader create() {
    List<URL> urls = new ArrayList<>();
    try (InputStream in = S3ProxyClassLoader.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        return S3ProxyClassLoader.class.getClassLoader();
      }
      String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      for (String entry : listed.split(java.io.File.pathSeparator)) {
        Path jar = Path.of(entry);
        if (!Files.exists(jar)) {
          return S3ProxyClassLoader.class.getClassLoader();
        }
        urls.add(jar.toUri().toURL());
      }
      // Our own launcher class, from wherever this module's classes are.
      urls.add(
          0,
          S3ProxyClassLoader.class
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toURI()
              .toURL());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "bad entry in " + CLASSPATH_RESOURCE + ": " + e.getMessage(), e);
    }
    return new URLClassLoader(
        "s3proxy", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }
}
