package io.sluice.runner.image;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where {@code sluice package} finds registry logins, in the order they are tried: the explicit
 * {@code --registry-username} with the password from {@code --registry-password-env}, podman's auth
 * file, Docker's config, then the well-known credential helpers. The same files {@code podman
 * login} and {@code docker login} write, so a user who logged in there needs nothing more.
 */
public final class RegistryCredentials {

  public static final String USERNAME_OPTION = "--registry-username";
  public static final String PASSWORD_ENV_OPTION = "--registry-password-env";

  /** One place a login may come from. */
  public sealed interface Source {
    /** How the source is named in messages. */
    String describe();

    /** {@code --registry-username} and the password read from an environment variable. */
    record Explicit(String username, String passwordEnv, String password) implements Source {
      public Explicit {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordEnv, "passwordEnv");
        Objects.requireNonNull(password, "password");
      }

      @Override
      public String describe() {
        return USERNAME_OPTION
            + " "
            + username
            + " with "
            + PASSWORD_ENV_OPTION
            + " "
            + passwordEnv;
      }

      @Override
      public String toString() {
        // Never the password, whoever logs this.
        return describe();
      }
    }

    /** A JSON file with an {@code auths} section: podman's auth.json or Docker's config.json. */
    record AuthFile(String kind, Path file) implements Source {
      @Override
      public String describe() {
        return kind + " " + file;
      }
    }

    /**
     * Jib's well-known helpers: docker-credential-gcr (gcr.io, *.pkg.dev), -ecr-login
     * (*.amazonaws.com).
     */
    record CredentialHelpers() implements Source {
      @Override
      public String describe() {
        return "well-known credential helpers";
      }
    }
  }

  private final List<Source> sources;

  private RegistryCredentials(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  /** No login at all: every registry is spoken to anonymously. */
  public static RegistryCredentials anonymous() {
    return new RegistryCredentials(List.of());
  }

  /** The standard places only (no explicit login), read from this process's environment. */
  public static RegistryCredentials fromEnvironment() {
    return resolve(null, null, System.getenv());
  }

  /**
   * The sources for a {@code sluice package} run, checked now: a username without a password
   * variable (or the reverse), or a variable that is not set, is bad input.
   */
  public static RegistryCredentials resolve(
      String username, String passwordEnv, Map<String, String> env) {
    List<Source> sources = new ArrayList<>();
    boolean hasUser = username != null && !username.isBlank();
    boolean hasEnv = passwordEnv != null && !passwordEnv.isBlank();
    if (hasUser != hasEnv) {
      throw new BadImageInputException(
          hasUser
              ? USERNAME_OPTION
                  + " "
                  + username
                  + " needs "
                  + PASSWORD_ENV_OPTION
                  + " VAR naming the environment"
                  + " variable that holds the password (a password is never taken on the command line)"
              : PASSWORD_ENV_OPTION + " " + passwordEnv + " needs " + USERNAME_OPTION + " USER");
    }
    if (hasUser) {
      String password = env.get(passwordEnv);
      if (password == null || password.isEmpty()) {
        throw new BadImageInputException(
            PASSWORD_ENV_OPTION
                + " "
                + passwordEnv
                + ": environment variable "
                + passwordEnv
                + " is "
                + (password == null ? "not set" : "empty")
                + "; export it with the registry password or token first");
      }
      sources.add(new Source.Explicit(username, passwordEnv, password));
    }
    for (Path file : podmanAuthFiles(env)) {
      sources.add(new Source.AuthFile("podman auth file", file));
    }
    sources.add(new Source.AuthFile("Docker config", dockerConfig(env)));
    sources.add(new Source.CredentialHelpers());
    return new RegistryCredentials(sources);
  }

  /**
   * podman's (containers-auth.json) places: {@code $REGISTRY_AUTH_FILE} alone when set, else the
   * runtime directory's file ({@code $XDG_RUNTIME_DIR}, for root without it {@code
   * /run/containers/0}) then {@code ~/.config/containers/auth.json}.
   */
  static List<Path> podmanAuthFiles(Map<String, String> env) {
    String explicit = env.get("REGISTRY_AUTH_FILE");
    if (explicit != null && !explicit.isBlank()) {
      return List.of(Path.of(explicit));
    }
    List<Path> files = new ArrayList<>();
    String runtimeDir = env.get("XDG_RUNTIME_DIR");
    if (runtimeDir != null && !runtimeDir.isBlank()) {
      files.add(Path.of(runtimeDir, "containers", "auth.json"));
    } else if (isRoot()) {
      files.add(Path.of("/run/containers/0/auth.json"));
    }
    String configHome = env.get("XDG_CONFIG_HOME");
    Path config =
        configHome != null && !configHome.isBlank()
            ? Path.of(configHome)
            : home(env).resolve(".config");
    files.add(config.resolve("containers").resolve("auth.json"));
    return files;
  }

  /** Docker's: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  static Path dockerConfig(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    return (dir != null && !dir.isBlank() ? Path.of(dir) : home(env).resolve(".docker"))
        .resolve("config.json");
  }

  /** {@code $HOME} as podman and docker use it; the JVM's user.home ignores the variable. */
  private static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
  }

  private static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  public List<Source> sources() {
    return sources;
  }

  /** The explicit login, if given. */
  public Optional<Source.Explicit> explicit() {
    return sources.stream()
        .filter(Source.Explicit.class::isInstance)
        .map(Source.Explicit.class::cast)
        .findFirst();
  }

  /**
   * The retrievers for one image, in source order. The explicit login is offered only where {@code
   * withExplicit} (the registry the user logged into), so it never leaks to another registry.
   */
  public Lookup lookup(ImageReference image, boolean withExplicit, Consumer<LogEvent> log) {
    return new Lookup(image, withExplicit, log);
  }

  /** What each source gave for one image, so a refusal can say which sources were tried. */
  public final class Lookup {
    private final ImageReference image;
    private final List<Source> offered = new ArrayList<>();
    private final List<CredentialRetriever> retrievers = new ArrayList<>();
    private final Map<Source, String> outcomes = new LinkedHashMap<>();
    private Source used;

    private Lookup(ImageReference image, boolean withExplicit, Consumer<LogEvent> log) {
      this.image = image;
      CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(image, log);
      for (Source source : sources) {
        CredentialRetriever retriever;
        if (source instanceof Source.Explicit e) {
          if (!withExplicit) {
            continue;
          }
          retriever = factory.known(Credential.from(e.username(), e.password()), e.describe());
        } else if (source instanceof Source.AuthFile f) {
          retriever = factory.dockerConfig(f.file());
        } else {
          retriever = factory.wellKnownCredentialHelpers();
        }
        offered.add(source);
        retrievers.add(recorded(source, retriever));
      }
    }

    private CredentialRetriever recorded(Source source, CredentialRetriever retriever) {
      return () -> {
        Optional<Credential> credential = retriever.retrieve();
        synchronized (this) {
          if (credential.isPresent()) {
            used = used == null ? source : used;
            outcomes.put(source, "used");
          } else if (source instanceof Source.AuthFile f && !Files.exists(f.file())) {
            outcomes.put(source, "absent");
          } else {
            outcomes.put(source, "nothing for " + image.getRegistry());
          }
        }
        return credential;
      };
    }

    public ImageReference image() {
      return image;
    }

    public List<CredentialRetriever> retrievers() {
      return retrievers;
    }

    /** The sources offered for this image, in order. */
    public List<Source> offered() {
      return List.copyOf(offered);
    }

    /** The source whose login was sent, if any. */
    public synchronized Optional<Source> used() {
      return Optional.ofNullable(used);
    }

    /**
     * The sources asked, in order, and what each gave, e.g. {@code podman auth file
     * /run/user/0/containers/auth.json (absent), Docker config ... (nothing for HOST)}.
     */
    public synchronized String tried() {
      if (offered.isEmpty()) {
        return "none (anonymous)";
      }
      List<String> parts = new ArrayList<>();
      for (Source source : offered) {
        String outcome = outcomes.get(source);
        if (outcome == null && source instanceof Source.AuthFile f) {
          outcome = Files.exists(f.file()) ? "not read" : "absent";
        }
        parts.add(source.describe() + (outcome == null ? "" : " (" + outcome + ")"));
        if (source.equals(used)) {
          break; // Jib stops at the first login found; the rest were not asked
        }
      }
      return String.join(", ", parts);
    }
  }
}
