package io.sluice.jobs.logs;

import io.sluice.jobs.BadInputException;
import java.util.Locale;

/** Which access-log layout a line is read as. */
public enum AccessLogFormat {
  /**
   * Decide per line: '#' header lines and tab-separated lines starting with a date are CloudFront.
   */
  AUTO,
  /** Apache (and nginx) combined log format; the common format without referer and agent too. */
  APACHE,
  /** CloudFront standard logs: tab-separated, with #Version and #Fields header lines. */
  CLOUDFRONT;

  static AccessLogFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "--format must be auto, apache or cloudfront, got '" + name + "'");
    }
  }
}
