package io.sluice.runner.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;

/**
 * Turns Jib's registry failures into sluice's exceptions: bad input (a refused login, a missing
 * base image) names the registry and what to do; anything else is a build failure.
 */
final class RegistryErrors {

  private RegistryErrors() {}

  static String describe(BaseImage base) {
    if (base instanceof BaseImage.Registry r) {
      return r.reference();
    }
    if (base instanceof BaseImage.DockerArchive a) {
      return a.tar().toString();
    }
    return "jlink of " + ((BaseImage.Jlinked) base).javaHome();
  }

  static RuntimeException registryError(
      ImageSpec spec, RegistryLogins logins, RegistryException e) {
    if (e instanceof RegistryUnauthorizedException u) {
      // The cause is Jib's ResponseException; its HttpResponseException accessor needs a shaded
      // class.
      int status =
          u.getCause() instanceof com.google.cloud.tools.jib.http.ResponseException r
              ? r.getStatusCode()
              : 401;
      return refused(
          logins, u.getImageReference(), status + (status == 403 ? " Forbidden" : " Unauthorized"));
    }
    if (e instanceof RegistryAuthenticationFailedException a) {
      return refused(
          logins, a.getServerUrl() + "/" + a.getImageName(), "token authentication failed");
    }
    if (e instanceof RegistryCredentialsNotSentException) {
      RegistryCredentials.Lookup lookup = logins.target() != null ? logins.target() : logins.base();
      String registry = lookup == null ? "the registry" : lookup.image().getRegistry();
      return new BadImageInputException(
          "registry "
              + registry
              + " speaks plain HTTP and wants a login; sluice sends"
              + " logins over HTTP only to loopback registries (127.0.0.1, localhost): serve it over TLS");
    }
    String message =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getMessage().lines().findFirst().orElse("");
    String name = e.getClass().getSimpleName();
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    if (name.contains("NotFound")
        || lower.contains("manifest unknown")
        || lower.contains("name unknown")
        || lower.contains("not found")
        || (lower.contains("tried to pull") && lower.contains("404"))) {
      return new BadImageInputException(
          "base image " + describe(spec.base()) + " not found: " + message);
    }
    return new ImageBuildException("registry error for " + spec.destination() + ": " + message, e);
  }

  /**
   * A registry's 401/403 as bad input naming the registry, the sources tried and how to log in.
   * Which of the two registry images was refused is told by the image Jib names.
   */
  private static BadImageInputException refused(
      RegistryLogins logins, String imageName, String reason) {
    RegistryCredentials.Lookup lookup = logins.target();
    String action = "push";
    if (logins.base() != null && (lookup == null || !sameImage(lookup.image(), imageName))) {
      lookup = logins.base();
      action = "pull the base image";
    }
    if (lookup == null) {
      return new BadImageInputException("registry refused " + imageName + " (" + reason + ")");
    }
    String registry = lookup.image().getRegistry();
    String login =
        "podman login "
            + (ImageReferences.isLoopback(lookup.image()) ? "--tls-verify=false " : "")
            + registry;
    String repository = lookup.image().getRepository();
    var used = lookup.used();
    if (used.isPresent()) {
      return new BadImageInputException(
          "registry "
              + registry
              + " refused the login from "
              + used.get().describe()
              + " to "
              + action
              + " "
              + repository
              + " ("
              + reason
              + "); check the user, password and its rights,"
              + " or log in again with `"
              + login
              + "`; credentials tried: "
              + lookup.tried());
    }
    return new BadImageInputException(
        "registry "
            + registry
            + " needs a login to "
            + action
            + " "
            + repository
            + " ("
            + reason
            + ") and none was found; tried: "
            + lookup.tried()
            + "; log in with `"
            + login
            + "` or pass "
            + RegistryCredentials.USERNAME_OPTION
            + " USER "
            + RegistryCredentials.PASSWORD_ENV_OPTION
            + " VAR"
            // Registries answer an anonymous pull of a missing image the same way (Docker Hub
            // does).
            + (lookup == logins.target() ? "" : "; check the base image's name too"));
  }

  private static boolean sameImage(ImageReference reference, String imageName) {
    String name = imageName == null ? "" : imageName;
    return name.startsWith(reference.getRegistry() + "/" + reference.getRepository())
        || name.equals(reference.getRepository())
        || name.startsWith(reference.getRepository() + ":");
  }
}
