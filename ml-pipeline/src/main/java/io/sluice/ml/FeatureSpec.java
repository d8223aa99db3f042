package io.sluice.ml;

import java.util.Objects;

/** One input column and how it is used. */
public record FeatureSpec(String name, FeatureType type) {
  public FeatureSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
