package io.sluice.warehouse;

import io.sluice.errors.UserError;

/**
 * The request itself is wrong (bad identifier, missing input, unsupported column type, table in the
 * way, duplicate keys for an upsert): nothing was changed. The command line exits with code 2.
 */
public class InvalidLoadRequestException extends WarehouseException implements UserError {
  private static final long serialVersionUID = 1L;

  public InvalidLoadRequestException(String message) {
    super(oneLine(message));
  }

  public InvalidLoadRequestException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** Names quoted in messages (a CSV header's) may hold line breaks; a user error is one line. */
  private static String oneLine(String message) {
    return message.replaceAll("\\R", " ");
  }
}
