package io.sluice.ml;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An algorithm name that is not one of {@link Algorithm}'s. */
public class UnknownAlgorithmException extends MlInputException {
  private static final long serialVersionUID = 1L;

  public UnknownAlgorithmException(String name) {
    super(
        "unknown algorithm '"
            + name
            + "'; use one of: "
            + Arrays.stream(Algorithm.values())
                .map(Algorithm::id)
                .collect(Collectors.joining(", ")));
  }
}
