package io.sluice.jobs.join;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJob;

/**
 * Joins two delimited text inputs on a key column. Each output line is the key, then the left row's
 * other fields, then the right row's other fields ({@code key,l1,l2,r1}); a left-outer join gives
 * an unmatched left row one empty field per non-key right column. Duplicate keys give every
 * pairing. Rows without the key column (too few fields, empty lines) go to {@code
 * <output>/_rejected/} with file, line and reason.
 *
 * <p>Output order, the same on both engines: by key, then by the whole line, both compared as UTF-8
 * bytes; {@code part-*} files concatenate in that order.
 *
 * <p>Accounting: read counts the lines of both inputs; accepted the rows with a key; written the
 * output lines.
 */
public final class JoinJob extends SluiceJob {

  static final String LEFT = "left";
  static final String RIGHT = "right";
  static final String LEFT_KEY = "left-key";
  static final String RIGHT_KEY = "right-key";
  static final String DELIMITER = "delimiter";
  static final String TYPE = "type";
  static final String RIGHT_COLUMNS = "right-columns";

  // --type, --delimiter and the key columns keep their own messages (JoinType, JoinSpec), so they
  // are checked in validate rather than declared with oneOf/atLeast.
  public JoinJob() {
    super(
        "join",
        "Join two delimited text inputs on a key column (inner or left-outer) into key,left...,right... lines",
        JobParameter.input(
            LEFT,
            "Left input, file or directory; MapReduce holds a key's left rows, so put the smaller side here"),
        JobParameter.input(RIGHT, "Right input, file or directory"),
        JobParameter.required(
            LEFT_KEY, JobParameter.Type.INT, "Key column of the left rows, 1-based"),
        JobParameter.required(
            RIGHT_KEY, JobParameter.Type.INT, "Key column of the right rows, 1-based"),
        JobParameter.output("Directory to write part-* files into"),
        JobParameter.optional(
            DELIMITER, JobParameter.Type.STRING, "Field delimiter: ',' or '\\t' (tab)", ","),
        JobParameter.optional(
            TYPE, JobParameter.Type.STRING, "inner or left-outer", JoinType.INNER.id()),
        JobParameter.optional(
            RIGHT_COLUMNS,
            JobParameter.Type.INT,
            "Columns of a right row, for padding unmatched left rows; default: the right input's first row",
            null),
        JobParameter.overwrite(),
        JobParameter.reducers("Reduce tasks (MapReduce) or output partitions (Spark)"));
  }

  @Override
  protected void validate(JobParameters params) {
    // Without --right-columns the count comes from the right input's first row, read in execute.
    spec(
        params,
        params.has(RIGHT_COLUMNS) ? params.intValue(RIGHT_COLUMNS) : params.intValue(RIGHT_KEY));
  }

  @Override
  protected RecordCounts execute(JobRun run) {
    JobParameters params = run.parameters();
    int rightColumns =
        params.has(RIGHT_COLUMNS)
            ? params.intValue(RIGHT_COLUMNS)
            : JoinInputFormat.firstRowColumns(
                run.conf(),
                params.location(RIGHT),
                JoinSpec.parseDelimiter(params.string(DELIMITER)),
                params.intValue(RIGHT_KEY));
    JoinSpec spec = spec(params, rightColumns);
    return switch (run.engine()) {
      case MAPREDUCE -> JoinMapReduce.run(run.conf(), spec, run.output()).counts();
      case SPARK -> JoinSpark.run(run.spark(), spec, run.output());
    };
  }

  /** The join the parameters describe; every check names the parameter. */
  private static JoinSpec spec(JobParameters params, int rightColumns) {
    char delimiter = JoinSpec.parseDelimiter(params.string(DELIMITER));
    JoinType type = JoinType.parse(params.string(TYPE));
    int leftKey = JoinSpec.requireColumn(LEFT_KEY, params.intValue(LEFT_KEY));
    int rightKey = JoinSpec.requireColumn(RIGHT_KEY, params.intValue(RIGHT_KEY));
    return new JoinSpec(
        params.location(LEFT),
        params.location(RIGHT),
        leftKey,
        rightKey,
        delimiter,
        type,
        rightColumns,
        params.intValue(JobParameter.REDUCERS));
  }
}
