package io.sluice.jobs;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * A user's jars (their jobs and the libraries those need) and the child-first class loader over
 * them. The loader's parent is the loader of the built-in jobs; {@link Job}, Sluice's storage and
 * error types, Spark, Hadoop, Scala, SLF4J and the JDK always come from that parent, so user jobs
 * implement the same contract and run on the same engines. Everything else is looked up in the
 * user's jars first.
 */
public final class UserJars {

  /** Where a jar registers its jobs for {@link java.util.ServiceLoader}. */
  public static final String SERVICES_FILE = "META-INF/services/" + Job.class.getName();

  private static final UserJars NONE = new UserJars(List.of(), null);

  private final List<Path> jars;
  private final ClassLoader loader;

  private UserJars(List<Path> jars, ClassLoader loader) {
    this.jars = List.copyOf(jars);
    this.loader = loader;
  }

  /** No user jars. */
  public static UserJars none() {
    return NONE;
  }

  /**
   * Checks the jars (each must be a readable jar file; a jar named twice counts once) and opens the
   * child-first loader over them.
   *
   * @throws UserJarException naming a jar that is missing or not a jar
   */
  public static UserJars open(ClassLoader parent, List<Path> paths) {
    if (paths.isEmpty()) {
      return NONE;
    }
    Set<Path> unique = new LinkedHashSet<>();
    for (Path p : paths) {
      unique.add(p.toAbsolutePath().normalize());
    }
    List<URL> urls = new ArrayList<>();
    for (Path jar : unique) {
      if (!Files.exists(jar)) {
        throw new UserJarException("jar not found: " + jar);
      }
      if (!Files.isRegularFile(jar)) {
        throw new UserJarException(
            "not a jar file: " + jar + " (a directory? give the jar itself)");
      }
      try (JarFile ignored = new JarFile(jar.toFile())) {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new UserJarException("cannot use jar " + jar + ": " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UserJarException("not a jar: " + jar + " (" + e.getMessage() + ")", e);
      }
    }
    return new UserJars(
        new ArrayList<>(unique), new ChildFirstClassLoader(urls.toArray(URL[]::new), parent));
  }

  /** The jars, absolute, in the order given. */
  public List<Path> jars() {
    return jars;
  }

  public boolean isEmpty() {
    return jars.isEmpty();
  }

  /** The child-first loader over the jars; empty without jars. */
  public Optional<ClassLoader> loader() {
    return Optional.ofNullable(loader);
  }

  /** Whether a class was defined from these jars (and not by the parent). */
  public boolean defined(Class<?> type) {
    return loader != null && type.getClassLoader() == loader;
  }

  /** The jar a class of these jars was read from. */
  public Optional<Path> jarOf(Class<?> type) {
    if (!defined(type)) {
      return Optional.empty();
    }
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path jar = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
      return jars.contains(jar) ? Optional.of(jar) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether a jar has the services file that registers jobs. */
  static boolean listsJobs(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getEntry(SERVICES_FILE) != null;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return String.join(", ", jars.stream().map(Path::toString).toList());
  }
}
