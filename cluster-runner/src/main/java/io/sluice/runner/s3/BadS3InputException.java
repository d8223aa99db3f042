package io.sluice.runner.s3;

/** The command line asks for something that cannot be done as typed; exit code 2. */
final class BadS3InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadS3InputException(String message) {
    super(message);
  }
}
