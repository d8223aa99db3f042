package io.sluice.ml;

/** A datasource spec that cannot be used; the message names the file and the key. */
public class InvalidSpecException extends MlInputException {
  private static final long serialVersionUID = 1L;

  public InvalidSpecException(String source, String key, String problem) {
    // Values quoted in the problem may hold line breaks; a user error is one line.
    super(
        (source + ": " + (key == null ? "" : "'" + key + "': ") + problem).replaceAll("\\R", " "));
  }
}
