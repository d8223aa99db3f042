package io.sluice.errors;

/**
 * The user-error family: the request or its input is wrong (a bad option, a missing file, a
 * malformed record that stops a run, an output in the way), so nothing was run or changed and the
 * user can fix it. Every {@code sluice} command maps an exception of this family, found anywhere in
 * the cause chain, to exit code 2 and its one-line message; anything else is a failure (exit 1).
 *
 * <p>It is an interface so that each module's exception hierarchy (jobs, storage, ML, warehouse,
 * key-value) keeps its own base class and still joins the family; callers test it once with {@link
 * #find(Throwable)}.
 */
public interface UserError {

  /** The one-line message naming what is wrong and, where it helps, how to fix it. */
  String getMessage();

  /**
   * {@code message} with each line break made a space: values quoted in messages (a file's text, a
   * CSV header's names) may hold line breaks, and a user error is one line.
   */
  static String oneLine(String message) {
    return message.replaceAll("\\R", " ");
  }

  /**
   * The first user error in the cause chain of {@code failure}, or null. Engines wrap what a job
   * throws inside a task (Spark's {@code SparkException}, Hadoop's {@code IOException}), so the
   * user error may sit a few causes deep.
   */
  static UserError find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UserError user) {
        return user;
      }
    }
    return null;
  }
}
