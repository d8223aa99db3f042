package io.sluice.runner.s3;

import io.sluice.errors.UserError;

/** The command line asks for something that cannot be done as typed; exit code 2. */
final class BadS3InputException extends RuntimeException implements UserError {
  private static final long serialVersionUID = 1L;

  BadS3InputException(String message) {
    super(message);
  }
}
