package io.sluice.jobs.logs;

/**
 * The reports of the {@code logs} job. Each is one CSV file with a header, {@link #FILE_NAME}, in a
 * sub-directory of the output named {@link #directory()}; both engines write the same bytes.
 */
public enum Report {
  /** Requests per day (UTC) and operating system, ordered by day, then OS name. */
  OS_BY_DAY("os_by_day", "date,os,requests"),
  /** The most requested paths: most requests first, ties by path. */
  TOP_URIS("top_uris", "rank,uri,requests"),
  /** Requests per HTTP status, ordered by status. */
  STATUS_CODES("status_codes", "status,requests"),
  /** Response bytes per day (UTC), ordered by day. */
  BYTES_BY_DAY("bytes_by_day", "date,bytes");

  public static final String FILE_NAME = "part-00000.csv";

  private final String directory;
  private final String header;

  Report(String directory, String header) {
    this.directory = directory;
    this.header = header;
  }

  public String directory() {
    return directory;
  }

  public String header() {
    return header;
  }

  /** One CSV line without its line end (RFC 4180 quoting): the one formatter both engines use. */
  static String csvLine(Object... values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      String v = String.valueOf(values[i]);
      if (v.indexOf(',') >= 0
          || v.indexOf('"') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0) {
        line.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        line.append(v);
      }
    }
    return line.toString();
  }
}
