package io.sluice.warehouse;

import io.sluice.errors.UserError;

/**
 * The request itself is wrong (bad identifier, missing input, unsupported column type, table in the
 * way, duplicate keys for an upsert): nothing was changed. The command line exits with code 2.
 */
public class InvalidLoadRequestException extends WarehouseException implements UserError {
  private static final long serialVersionUID = 1L;

  public InvalidLoadRequestException(String message) {
    super(UserError.oneLine(message));
  }

  public InvalidLoadRequestException(String message, Throwable cause) {
    super(UserError.oneLine(message), cause);
  }
}
