package io.sluice.jobs.logs;

import static org.apache.spark.sql.functions.col;

import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.spark.SparkLines;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
import scala.Tuple2;

/**
 * The access-log reports on Spark, in one pass. Lines are parsed by {@link AccessLogParser} (as on
 * MapReduce) into the keys of every report and of the accounting, which one aggregation sums: one
 * Spark job, one shuffle, whatever the number of reports. Each partition of the sums keeps only its
 * best URIs, so the driver collects the small reports (days x systems, statuses, days) and at most
 * top x partitions URIs, orders them as the MapReduce reducer does and writes each as one CSV file
 * with a header.
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

  /** The report of a key that counts line kinds, not report rows. */
  private static final String KINDS = "kinds";

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
    // Read once: the accounting and the four reports come from one aggregation over it, and the
    // rejected records, when there are any, from the cache.
    Dataset<Row> parsed =
        spark.createDataFrame(rows, LINES).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // Keys are "report<TAB>fields" strings, as on MapReduce: strings hash alike in every JVM and
      // any serializer takes them.
      List<Tuple2<String, Long>> totals =
          parsed
              .javaRDD()
              .flatMapToPair(AccessLogSpark::keys)
              .reduceByKey(Long::sum)
              .mapPartitions(sums -> bestUrisAndTheRest(sums, top))
              .collect();

      Map<LogLine.Kind, Long> kinds = new EnumMap<>(LogLine.Kind.class);
      Map<Report, List<Tuple2<String, Long>>> reports = new EnumMap<>(Report.class);
      for (Report report : Report.values()) {
        reports.put(report, new ArrayList<>());
      }
      for (Tuple2<String, Long> total : totals) {
        String report = reportOf(total._1());
        String fields = fieldsOf(total._1());
        if (report.equals(KINDS)) {
          kinds.put(LogLine.Kind.valueOf(fields), total._2());
        } else {
          reports.get(Report.valueOf(report)).add(new Tuple2<>(fields, total._2()));
        }
      }
      long accepted = kinds.getOrDefault(LogLine.Kind.REQUEST, 0L);
      long rejected = kinds.getOrDefault(LogLine.Kind.REJECTED, 0L);

      FileSystem fs = fileSystem(output, conf);
      long written = 0;
      for (Report report : Report.values()) {
        written += write(fs, output, report, csvLines(report, reports.get(report), top));
      }

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
      long headers = kinds.getOrDefault(LogLine.Kind.HEADER, 0L);
      return new AccessLogJob.Result(accepted + rejected, accepted, rejected, written, headers);
    } finally {
      parsed.unpersist();
    }
  }

  /** What a line adds: one to its kind's count and, for a request, to every report. */
  private static Iterator<Tuple2<String, Long>> keys(Row line) {
    String kind = line.getString(0);
    List<Tuple2<String, Long>> keys = new ArrayList<>(5);
    keys.add(new Tuple2<>(KINDS + "\t" + kind, 1L));
    if (kind.equals(LogLine.Kind.REQUEST.name())) {
      String date = line.getString(1);
      keys.add(key(Report.OS_BY_DAY, date + "\t" + line.getString(2), 1L));
      keys.add(key(Report.TOP_URIS, line.getString(3), 1L));
      keys.add(key(Report.STATUS_CODES, line.getString(4), 1L));
      keys.add(key(Report.BYTES_BY_DAY, date, line.getLong(5)));
    }
    return keys.iterator();
  }

  private static Tuple2<String, Long> key(Report report, String fields, long number) {
    return new Tuple2<>(report.name() + "\t" + fields, number);
  }

  private static String reportOf(String key) {
    return key.substring(0, key.indexOf('\t'));
  }

  private static String fieldsOf(String key) {
    return key.substring(key.indexOf('\t') + 1);
  }

  /**
   * A partition of the sums with only its best {@code top} URIs: each URI's sum is whole in one
   * partition, so the best overall are among the partitions' best.
   */
  private static Iterator<Tuple2<String, Long>> bestUrisAndTheRest(
      Iterator<Tuple2<String, Long>> sums, int top) {
    List<Tuple2<String, Long>> kept = new ArrayList<>();
    PriorityQueue<Tuple2<String, Long>> best = new PriorityQueue<>(URI_RANKING.reversed());
    sums.forEachRemaining(
        sum -> {
          if (!reportOf(sum._1()).equals(Report.TOP_URIS.name())) {
            kept.add(sum);
          } else {
            best.add(sum);
            if (best.size() > top) {
              best.poll();
            }
          }
        });
    kept.addAll(best);
    return kept.iterator();
  }

  /**
   * Most requests first, then by URI as UTF-8 bytes, as the MapReduce reducer ranks them (the
   * report prefix of a key is the same for every URI, so whole keys compare as their URIs do).
   */
  private static final Comparator<Tuple2<String, Long>> URI_RANKING =
      Comparator.comparing(
          (Tuple2<String, Long> t) -> new AccessLogMapReduce.UriCount(utf8(t._1()), t._2()),
          AccessLogMapReduce.UriCount.RANKING);

  /**
   * A report's (fields, number) rows as CSV lines without their line ends: rows ordered by their
   * leading columns as UTF-8 bytes (as Spark SQL and MapReduce order strings), top URIs ranked.
   */
  private static List<String> csvLines(Report report, List<Tuple2<String, Long>> rows, int top) {
    List<String> lines = new ArrayList<>();
    if (report == Report.TOP_URIS) {
      List<Tuple2<String, Long>> ranked = new ArrayList<>(rows);
      ranked.sort(URI_RANKING);
      for (int i = 0; i < Math.min(top, ranked.size()); i++) {
        lines.add(Report.csvLine(i + 1, ranked.get(i)._1(), ranked.get(i)._2()));
      }
      return lines;
    }
    List<Tuple2<String, Long>> ordered = new ArrayList<>(rows);
    ordered.sort(Comparator.comparing(t -> columns(t._1()), AccessLogSpark::compareColumns));
    for (Tuple2<String, Long> row : ordered) {
      List<Object> values = new ArrayList<>(List.of((Object[]) columns(row._1())));
      values.add(row._2());
      lines.add(Report.csvLine(values.toArray()));
    }
    return lines;
  }

  /** The leading columns of a row: date and OS, or one column (no tab in dates or statuses). */
  private static String[] columns(String fields) {
    return fields.split("\t", -1);
  }

  private static int compareColumns(String[] a, String[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = Arrays.compareUnsigned(utf8(a[i]), utf8(b[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static FileSystem fileSystem(Path path, Configuration conf) {
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new SluiceJobException("cannot reach " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes a report's lines under its header; returns the rows written. */
  private static long write(FileSystem fs, Path output, Report report, List<String> lines) {
    Path file = new Path(new Path(output, report.directory()), Report.FILE_NAME);
    StringBuilder csv = new StringBuilder(report.header()).append('\n');
    lines.forEach(line -> csv.append(line).append('\n'));
    try (OutputStream out = fs.create(file, false)) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SluiceJobException("cannot write report " + file + ": " + e.getMessage(), e);
    }
    return lines.size();
  }
}
