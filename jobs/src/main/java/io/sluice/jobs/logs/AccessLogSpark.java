package io.sluice.jobs.logs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.spark.SparkLines;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The access-log reports on Spark SQL. Lines are parsed by {@link AccessLogParser} (as on
 * MapReduce), the reports are SQL aggregations; they are small (days x systems, N paths, a few
 * statuses), so the driver collects each and writes it as one CSV file with a header.
 */
final class AccessLogSpark {

  private static final StructType LINES =
      new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("date", DataTypes.StringType)
          .add("os", DataTypes.StringType)
          .add("uri", DataTypes.StringType)
          .add("status", DataTypes.StringType)
          .add("bytes", DataTypes.LongType, false)
          .add("source", DataTypes.StringType, false)
          .add("line", DataTypes.LongType, false)
          .add("reason", DataTypes.StringType)
          .add("text", DataTypes.StringType);

  private AccessLogSpark() {}

  static AccessLogJob.Result run(
      SparkSession spark,
      Configuration conf,
      StorageUri input,
      Path output,
      AccessLogFormat format,
      int top) {
    JavaRDD<Row> rows =
        SparkLines.map(
            spark,
            input,
            source ->
                (line, text) -> {
                  LogLine l = AccessLogParser.parse(text, format);
                  return RowFactory.create(
                      l.kind().name(),
                      l.date(),
                      l.os(),
                      l.uri(),
                      l.status(),
                      l.bytes(),
                      source,
                      line,
                      l.reason(),
                      l.kind() == LogLine.Kind.REJECTED ? text : null);
                });
    // Read once: the accounting, four reports and the rejected records all come from it.
    Dataset<Row> parsed =
        spark.createDataFrame(rows, LINES).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> kinds = new HashMap<>();
      parsed
          .groupBy("kind")
          .count()
          .collectAsList()
          .forEach(r -> kinds.put(r.getString(0), r.getLong(1)));
      long accepted = kinds.getOrDefault(LogLine.Kind.REQUEST.name(), 0L);
      long rejected = kinds.getOrDefault(LogLine.Kind.REJECTED.name(), 0L);

      Dataset<Row> requests = parsed.where(col("kind").equalTo(LogLine.Kind.REQUEST.name()));
      FileSystem fs = fileSystem(output, conf);
      long written = 0;
      written +=
          write(
              fs,
              output,
              Report.OS_BY_DAY,
              requests
                  .groupBy("date", "os")
                  .agg(count(lit(1)).as("requests"))
                  .orderBy("date", "os")
                  .collectAsList());
      List<Row> topUris =
          requests
              .groupBy("uri")
              .agg(count(lit(1)).as("requests"))
              .orderBy(col("requests").desc(), col("uri"))
              .limit(top)
              .collectAsList();
      written += write(fs, output, Report.TOP_URIS, ranked(topUris));
      written +=
          write(
              fs,
              output,
              Report.STATUS_CODES,
              requests
                  .groupBy("status")
                  .agg(count(lit(1)).as("requests"))
                  .orderBy("status")
                  .collectAsList());
      written +=
          write(
              fs,
              output,
              Report.BYTES_BY_DAY,
              requests
                  .groupBy("date")
                  .agg(sum("bytes").as("bytes"))
                  .orderBy("date")
                  .collectAsList());

      if (rejected > 0) {
        parsed
            .where(col("kind").equalTo(LogLine.Kind.REJECTED.name()))
            .map(
                (MapFunction<Row, String>)
                    r ->
                        new RejectedRecord(
                                r.getAs("source"),
                                r.<Long>getAs("line"),
                                null,
                                r.getAs("reason"),
                                r.getAs("text"))
                            .toJson(),
                Encoders.STRING())
            .write()
            .text(new Path(output, RejectedRecord.DIRECTORY).toString());
      }
      long headers = kinds.getOrDefault(LogLine.Kind.HEADER.name(), 0L);
      return new AccessLogJob.Result(accepted + rejected, accepted, rejected, written, headers);
    } finally {
      parsed.unpersist();
    }
  }

  private static FileSystem fileSystem(Path path, Configuration conf) {
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new SluiceJobException("cannot reach " + path + ": " + e.getMessage(), e);
    }
  }

  /** (uri, requests) rows as (rank, uri, requests). */
  private static List<Row> ranked(List<Row> rows) {
    return IntStream.range(0, rows.size())
        .mapToObj(i -> RowFactory.create(i + 1, rows.get(i).get(0), rows.get(i).get(1)))
        .toList();
  }

  /** Writes a report's rows in the given order under its header; returns the rows written. */
  private static long write(FileSystem fs, Path output, Report report, List<Row> rows) {
    Path file = new Path(new Path(output, report.directory()), Report.FILE_NAME);
    StringBuilder csv = new StringBuilder(report.header()).append('\n');
    for (Row row : rows) {
      Object[] values = new Object[row.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(i);
      }
      csv.append(Report.csvLine(values)).append('\n');
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SluiceJobException("cannot write report " + file + ": " + e.getMessage(), e);
    }
    return rows.size();
  }
}
