package io.sluice.jobs;

/** Turns an engine's checked failure (Spark's SparkException, thrown undeclared) into one line. */
public final class EngineFailure {

  private EngineFailure() {}

  /**
   * The failure with the innermost cause's message appended, which usually names the real problem.
   */
  public static SluiceJobException of(String job, Engine engine, Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        job
            + " on "
            + engine
            + " failed: "
            + e.getMessage()
            + (root == e
                ? ""
                : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
    return new SluiceJobException(message.replaceAll("\\s*\\R\\s*", " "), e);
  }
}
