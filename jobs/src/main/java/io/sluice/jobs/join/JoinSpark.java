package io.sluice.jobs.join;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.mapreduce.FileLineNumber;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import io.sluice.jobs.spark.SinglePartitionOutput;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The join on Spark SQL: both inputs read through {@link JoinInputFormat} (same files, lines and
 * line numbers as MapReduce), parsed into (key, fields) rows, joined with {@code Dataset.join}, and
 * written ordered by key, then line.
 *
 * <p><b>Skew.</b> Small sides are broadcast, which needs no shuffle and so no skew handling. For a
 * sort-merge join, adaptive execution's skew join is switched on ({@code
 * spark.sql.adaptive.skewJoin.enabled}, unless the user set it): a shuffle partition far larger
 * than the median (by {@code skewedPartitionFactor} and {@code skewedPartitionThresholdInBytes}) is
 * split into several tasks, each joined with a copy of the other side's partition. An inner join
 * can split either side; a left-outer join only the left. Within a task, the sort-merge join
 * streams the left side and buffers the right rows of the current key in a buffer that spills to
 * disk past {@code spark.sql.sortMergeJoinExec.buffer.spill.threshold}, so one hot key costs time,
 * not heap.
 */
final class JoinSpark {

  private static final Logger LOG = LoggerFactory.getLogger(JoinSpark.class);

  private static final StructType PARSED =
      new StructType()
          .add("side", DataTypes.StringType, false)
          .add("key", DataTypes.StringType, true)
          .add("fields", DataTypes.StringType, true)
          .add("source", DataTypes.StringType, false)
          .add("line", DataTypes.LongType, false)
          .add("reason", DataTypes.StringType, true)
          .add("record", DataTypes.StringType, true);

  private JoinSpark() {}

  static RecordCounts run(SparkSession spark, JoinSpec spec, Path output) {
    enableSkewJoin(spark);
    LongAccumulator written = spark.sparkContext().longAccumulator("join.written");

    // Parsed once and kept: the join, the rejected records and the counts all read it.
    Dataset<Row> parsed =
        spark
            .createDataFrame(readRows(spark, spec), PARSED)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> accepted = parsed.filter(col("reason").isNull());
      Dataset<Row> left =
          accepted
              .filter(col("side").equalTo(JoinSide.LEFT.id()))
              .select(col("key"), col("fields").as("left_fields"));
      Dataset<Row> right =
          accepted
              .filter(col("side").equalTo(JoinSide.RIGHT.id()))
              .select(col("key"), col("fields").as("right_fields"));

      Dataset<Row> lines =
          left.join(right, new String[] {"key"}, spec.type().sparkName())
              .select(
                  col("key"),
                  concat(
                          col("key"),
                          col("left_fields"),
                          coalesce(col("right_fields"), lit(spec.missingRightFields())))
                      .as("line"));

      Column[] order = {col("key"), col("line")};
      Dataset<Row> ranged =
          SinglePartitionOutput.applies(spark, spec.reducers())
              ? lines.coalesce(1)
              : lines.repartitionByRange(spec.reducers(), order);
      ranged
          .sortWithinPartitions(order)
          .map(
              (MapFunction<Row, String>)
                  row -> {
                    written.add(1);
                    return row.getString(1);
                  },
              Encoders.STRING())
          .write()
          .text(output.toString());

      long read = 0;
      long rejectedCount = 0;
      for (Row count : parsed.groupBy(col("reason").isNotNull()).count().collectAsList()) {
        read += count.getLong(1);
        rejectedCount += count.getBoolean(0) ? count.getLong(1) : 0;
      }
      if (rejectedCount > 0) {
        int leftKey = spec.leftKey();
        int rightKey = spec.rightKey();
        // Few records: one task, sorted by file and line, no range-partitioning pass.
        parsed
            .filter(col("reason").isNotNull())
            .coalesce(1)
            .sortWithinPartitions(col("source"), col("line"))
            .map(
                (MapFunction<Row, String>)
                    row ->
                        new RejectedRecord(
                                row.getString(3),
                                row.getLong(4),
                                "column "
                                    + (JoinSide.LEFT.id().equals(row.getString(0))
                                        ? leftKey
                                        : rightKey),
                                row.getString(5),
                                row.getString(6))
                            .toJson(),
                Encoders.STRING())
            .write()
            .text(new Path(output, RejectedRecord.DIRECTORY).toString());
      }
      return new RecordCounts(read, read - rejectedCount, rejectedCount, written.value());
    } finally {
      parsed.unpersist();
    }
  }

  /** One row per input line: side, key and fields, or the reason it has no key and the raw line. */
  private static JavaRDD<Row> readRows(SparkSession spark, JoinSpec spec) {
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    JoinInputFormat.setInputs(conf, spec.left(), spec.right());
    SmallFileSplits.parallelismUnlessSet(conf, spark.sparkContext().defaultParallelism());
    JavaNewHadoopRDD<LongWritable, Text> lines =
        (JavaNewHadoopRDD<LongWritable, Text>)
            JavaSparkContext.fromSparkContext(spark.sparkContext())
                .newAPIHadoopRDD(conf, JoinInputFormat.class, LongWritable.class, Text.class);
    char delimiter = spec.delimiter();
    int leftKey = spec.leftKey();
    int rightKey = spec.rightKey();
    return lines.mapPartitionsWithInputSplit(
        (split, records) -> {
          JoinSide side = ((SideSplit) split).side();
          int keyColumn = side == JoinSide.LEFT ? leftKey : rightKey;
          return new Iterator<Row>() {
            @Override
            public boolean hasNext() {
              return records.hasNext();
            }

            @Override
            public Row next() {
              scala.Tuple2<LongWritable, Text> record = records.next();
              String source = FileLineNumber.sourceOf(record._1());
              String text = record._2().toString();
              DelimitedRow row = DelimitedRow.parse(text, delimiter, keyColumn);
              return row == null
                  ? RowFactory.create(
                      side.id(),
                      null,
                      null,
                      source,
                      record._1().get(),
                      DelimitedRow.tooFewColumns(text, delimiter, side, keyColumn),
                      text)
                  : RowFactory.create(
                      side.id(), row.key(), row.fields(), source, record._1().get(), null, null);
            }
          };
        },
        false);
  }

  /** Turns on adaptive execution's skew-join splitting unless the user decided otherwise. */
  private static void enableSkewJoin(SparkSession spark) {
    for (String key :
        new String[] {"spark.sql.adaptive.enabled", "spark.sql.adaptive.skewJoin.enabled"}) {
      if (!spark.conf().contains(key)) {
        spark.conf().set(key, "true");
      } else if (!Boolean.parseBoolean(spark.conf().get(key))) {
        LOG.warn("{}=false: skewed join keys will not be split across tasks", key);
      }
    }
  }
}
