package io.sluice.storage;

import io.sluice.errors.UserError;

/** A location that cannot be addressed; the message names it and says why. */
public class InvalidStorageUriException extends IllegalArgumentException implements UserError {
  private static final long serialVersionUID = 1L;

  private final String location;

  public InvalidStorageUriException(String location, String reason) {
    super("invalid location '" + location + "': " + reason);
    this.location = location;
  }

  public String location() {
    return location;
  }
}
