package io.sluice.jobs;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;

/**
 * Turns the lines of one input file into records, the same way on every engine: the job base reads
 * each file's lines in order with their 1-based numbers and calls {@link #parse}; a record it
 * returns is accepted, a {@link RecordRejectedException} quarantines the line (file, line, field,
 * reason), and null marks a line that is not a record at all (a CSV header), which is not counted.
 *
 * <p>A parser is made per file by its {@link Factory}, so it may keep state across the file's lines
 * (the header it saw first). Factories are named by class, have a public no-argument constructor
 * and receive the job's checked parameters, so MapReduce tasks and Spark executors build the same
 * parser.
 *
 * @param <T> the parsed record
 */
@FunctionalInterface
public interface LineParser<T> {

  /**
   * @param line the 1-based line number in the file
   * @param text the line without its line end
   * @return the record, or null when the line is not a record
   * @throws RecordRejectedException to set the line aside with a reason
   */
  T parse(long line, String text) throws RecordRejectedException;

  /** Makes the parser for one file. */
  interface Factory<T> extends Serializable {

    /**
     * @param source the file's full URI, as rejected records name it
     * @param parameters the job's checked parameters
     */
    LineParser<T> open(String source, JobParameters parameters);

    /**
     * Makes a factory from its class, as every Spark executor and MapReduce task does.
     *
     * @throws IllegalStateException when the class has no public no-argument constructor or it
     *     failed
     */
    @SuppressWarnings("unchecked")
    static <T> Factory<T> of(Class<?> type) {
      try {
        return (Factory<T>) type.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
        throw new IllegalStateException(
            "cannot make the line parser factory "
                + type.getName()
                + " (it needs a public no-argument constructor): "
                + cause,
            cause);
      }
    }
  }
}
