/**
 * The {@code logs} job: access-log analytics, the workload of the Amazon EMR tutorial, on MapReduce
 * ({@link io.sluice.jobs.logs.AccessLogMapReduce}) and Spark ({@link
 * io.sluice.jobs.logs.AccessLogSpark}). On both engines one pass over the input feeds the
 * accounting and all four reports: one aggregation of (report, fields) keys.
 *
 * <pre>
 * sluice run logs --engine spark --input sample-data/logs --output /tmp/logs [--format auto|apache|cloudfront] [--top 10]
 * </pre>
 *
 * <h2>Input</h2>
 *
 * Apache combined lines (the common format too: without referer and agent the OS is "Other") and
 * CloudFront standard logs (tab-separated; gzip files are read as such). With {@code --format auto}
 * each line decides: lines starting with '#' are CloudFront headers, tab-separated lines starting
 * with a date are CloudFront requests, anything else is read as Apache.
 *
 * <h2>Output</h2>
 *
 * One directory per {@link io.sluice.jobs.logs.Report}, each holding {@code part-00000.csv} with a
 * header: {@code os_by_day/} (date, os, requests), {@code top_uris/} (rank, uri, requests), {@code
 * status_codes/} (status, requests), {@code bytes_by_day/} (date, bytes). Days are UTC days (Apache
 * times are converted from their offset); URIs are paths without the query string; the OS comes
 * from the user agent ({@link io.sluice.jobs.logs.OperatingSystem}). Rows are ordered by their
 * leading columns as UTF-8 bytes (so "iOS" and "macOS" sort after "Windows"), top URIs by requests,
 * then path. Both engines write the same bytes.
 *
 * <h2>Accounting</h2>
 *
 * A record is a log line: read = accepted (a request in every report) + rejected (in {@code
 * _rejected/} as {@link io.sluice.jobs.RejectedRecord} JSON with file, line number and reason).
 * CloudFront {@code #Version}/{@code #Fields} lines are not records; their number is logged.
 * Written = report rows, headers excluded. An input without files is refused (exit 2).
 *
 * <p>Files are not split ({@link io.sluice.jobs.mapreduce.NumberedLineInputFormat}): line numbers
 * need one sequential read per file, as gzip does anyway. Small files are combined, several whole
 * files to a task, each line keeping its own file and number. {@link io.sluice.jobs.InputFiles},
 * {@link io.sluice.jobs.spark.SparkLines} and {@link
 * io.sluice.jobs.mapreduce.NumberedLineInputFormat} are shared with the {@code etl} job; staging,
 * commit and failure mapping are {@link io.sluice.jobs.SluiceJob}'s.
 */
package io.sluice.jobs.logs;
