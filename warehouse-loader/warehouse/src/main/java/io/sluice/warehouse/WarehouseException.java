package io.sluice.warehouse;

/** A load or query failed while running; whatever it was changing was rolled back. */
public class WarehouseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WarehouseException(String message) {
    super(message);
  }

  public WarehouseException(String message, Throwable cause) {
    super(message, cause);
  }
}
