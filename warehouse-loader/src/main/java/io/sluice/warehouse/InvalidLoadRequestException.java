package io.sluice.warehouse;

/**
 * The request itself is wrong (bad identifier, missing input, unsupported column type, table in the
 * way, duplicate keys for an upsert): nothing was changed. The command line exits with code 2.
 */
public class InvalidLoadRequestException extends WarehouseException {
  private static final long serialVersionUID = 1L;

  public InvalidLoadRequestException(String message) {
    super(message);
  }

  public InvalidLoadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
