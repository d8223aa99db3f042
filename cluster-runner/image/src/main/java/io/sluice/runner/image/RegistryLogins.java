package io.sluice.runner.image;

import com.google.cloud.tools.jib.api.ImageReference;

/**
 * The credential lookups of the registry images of one build: the --base's and the push target's.
 */
record RegistryLogins(RegistryCredentials.Lookup base, RegistryCredentials.Lookup target) {

  static RegistryLogins of(ImageSpec spec) {
    String login = spec.loginRegistry();
    RegistryCredentials.Lookup base = null;
    if (spec.base() instanceof BaseImage.Registry r) {
      ImageReference ref = ImageReferences.parse(r.reference(), "--base");
      base = spec.credentials().lookup(ref, ref.getRegistry().equals(login), ImageBuilder::logJib);
    }
    RegistryCredentials.Lookup target =
        spec.pushTarget() == null
            ? null
            : spec.credentials().lookup(spec.pushTarget(), true, ImageBuilder::logJib);
    return new RegistryLogins(base, target);
  }

  /** Whether either image is on a loopback registry (spoken to over plain HTTP). */
  boolean anyLoopback() {
    return (base != null && ImageReferences.isLoopback(base.image()))
        || (target != null && ImageReferences.isLoopback(target.image()));
  }
}
