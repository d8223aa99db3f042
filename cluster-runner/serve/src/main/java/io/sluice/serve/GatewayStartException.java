package io.sluice.serve;

import io.sluice.errors.UserError;

/** The gateway cannot listen where it was asked to (port in use, no such address). */
public final class GatewayStartException extends RuntimeException implements UserError {

  public GatewayStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
