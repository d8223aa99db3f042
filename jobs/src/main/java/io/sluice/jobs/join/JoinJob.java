package io.sluice.jobs.join;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.Locations;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.StagedOutput;
import io.sluice.storage.StorageUri;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Joins two delimited text inputs on a key column. Each output line is the key, then the left
 * row's other fields, then the right row's other fields ({@code key,l1,l2,r1}); a left-outer join
 * gives an unmatched left row one empty field per non-key right column. Duplicate keys give every
 * pairing. Rows without the key column (too few fields, empty lines) go to
 * {@code <output>/_rejected/} with file, line and reason.
 *
 * <p>Output order, the same on both engines: by key, then by the whole line, both compared as
 * UTF-8 bytes; {@code part-*} files concatenate in that order.
 *
 * <p>Accounting: read counts the lines of both inputs; accepted the rows with a key; written the
 * output lines.
 */
public final class JoinJob implements Job {

  static final String LEFT = "left";
  static final String RIGHT = "right";
  static final String LEFT_KEY = "left-key";
  static final String RIGHT_KEY = "right-key";
  static final String DELIMITER = "delimiter";
  static final String TYPE = "type";
  static final String RIGHT_COLUMNS = "right-columns";
  static final String OUTPUT = "output";
  static final String OVERWRITE = "overwrite";
  static final String REDUCERS = "reducers";

  @Override
  public String name() {
    return "join";
  }

  @Override
  public String description() {
    return "Join two delimited text inputs on a key column (inner or left-outer) into key,left...,right... lines";
  }

  @Override
  public List<JobParameter> parameters() {
    return List.of(
        JobParameter.required(LEFT, JobParameter.Type.LOCATION,
            "Left input, file or directory; MapReduce holds a key's left rows, so put the smaller side here"),
        JobParameter.required(RIGHT, JobParameter.Type.LOCATION, "Right input, file or directory"),
        JobParameter.required(LEFT_KEY, JobParameter.Type.INT, "Key column of the left rows, 1-based"),
        JobParameter.required(RIGHT_KEY, JobParameter.Type.INT, "Key column of the right rows, 1-based"),
        JobParameter.required(OUTPUT, JobParameter.Type.LOCATION, "Directory to write part-* files into"),
        JobParameter.optional(DELIMITER, JobParameter.Type.STRING, "Field delimiter: ',' or '\\t' (tab)", ","),
        JobParameter.optional(TYPE, JobParameter.Type.STRING, "inner or left-outer", JoinType.INNER.id()),
        JobParameter.optional(RIGHT_COLUMNS, JobParameter.Type.INT,
            "Columns of a right row, for padding unmatched left rows; default: the right input's first row", null),
        JobParameter.flag(OVERWRITE, "Replace the output directory if it exists"),
        JobParameter.optional(REDUCERS, JobParameter.Type.INT,
            "Reduce tasks (MapReduce) or output partitions (Spark)", "1"));
  }

  @Override
  public Set<Engine> engines() {
    return EnumSet.of(Engine.SPARK, Engine.MAPREDUCE);
  }

  @Override
  public RunSummary.Counts run(Engine engine, JobParameters params, EngineContext context) {
    char delimiter = JoinSpec.parseDelimiter(params.string(DELIMITER));
    JoinType type = JoinType.parse(params.string(TYPE));
    int leftKey = JoinSpec.requireColumn(LEFT_KEY, params.intValue(LEFT_KEY));
    int rightKey = JoinSpec.requireColumn(RIGHT_KEY, params.intValue(RIGHT_KEY));
    Configuration conf = context.hadoopConf();
    StorageUri left = params.location(LEFT);
    StorageUri right = params.location(RIGHT);
    long bytesIn = Locations.requireInput(LEFT, left, conf) + Locations.requireInput(RIGHT, right, conf);
    int rightColumns = params.asMap().containsKey(RIGHT_COLUMNS)
        ? params.intValue(RIGHT_COLUMNS)
        : JoinInputFormat.firstRowColumns(conf, right, delimiter, rightKey);
    JoinSpec spec = new JoinSpec(left, right, leftKey, rightKey, delimiter, type,
        rightColumns, params.intValue(REDUCERS));
    StagedOutput output = StagedOutput.prepare(params.location(OUTPUT), params.flag(OVERWRITE), conf);
    try {
      JoinResult result = switch (engine) {
        case MAPREDUCE -> JoinMapReduce.run(conf, spec, output.stagingPath());
        case SPARK -> JoinSpark.run(context.spark(), spec, output.stagingPath());
      };
      output.commit();
      return new RunSummary.Counts(result.read(), result.accepted(), result.rejected(), result.written(),
          bytesIn, output.committedBytes());
    } catch (RuntimeException e) {
      output.abort();
      throw e;
    }
  }
}
