package io.sluice.ml;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A model as the command line names it: {@code NAME} (the latest version) or {@code NAME:VERSION}.
 */
public record ModelRef(String name, OptionalInt version) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public ModelRef {
    requireValidName(name);
  }

  /**
   * @throws MlInputException naming what is wrong with the reference
   */
  public static ModelRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw new MlInputException("model reference is empty; use NAME or NAME:VERSION");
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return new ModelRef(text.trim(), OptionalInt.empty());
    }
    String version = text.substring(colon + 1).trim();
    try {
      int v = Integer.parseInt(version);
      if (v < 1) {
        throw new NumberFormatException();
      }
      return new ModelRef(text.substring(0, colon).trim(), OptionalInt.of(v));
    } catch (NumberFormatException e) {
      throw new MlInputException(
          "model reference '"
              + text
              + "': version '"
              + version
              + "' is not a positive integer; use NAME or NAME:VERSION");
    }
  }

  /**
   * @throws MlInputException when the name cannot be a registry folder
   */
  public static String requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new MlInputException(
          "model name '"
              + name
              + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return name;
  }

  @Override
  public String toString() {
    return version.isPresent() ? name + ":" + version.getAsInt() : name;
  }
}
