package io.sluice.runner;

/** The command line's exit codes. */
public final class ExitCode {
  public static final int OK = 0;
  /** The job ran and failed. */
  public static final int JOB_FAILED = 1;
  /** Bad usage or bad input: nothing was run. */
  public static final int BAD_INPUT = 2;

  private ExitCode() {}
}
