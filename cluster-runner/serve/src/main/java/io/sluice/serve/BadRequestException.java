package io.sluice.serve;

import io.sluice.errors.UserError;

/** The client's request cannot be answered as sent (400): names the field or the problem. */
public final class BadRequestException extends RuntimeException implements UserError {

  public BadRequestException(String message) {
    super(message);
  }
}
