package io.sluice.runner.s3;

import io.sluice.storage.ByteSize;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes (8MiB, 512k, 1048576; see ByteSize) and durations (15m, 1h, 7d, PT15M) as options take
 * them.
 */
public final class Units {

  private static final Pattern DURATION =
      Pattern.compile("(\\d+)\\s*([smhd])", Pattern.CASE_INSENSITIVE);

  private Units() {}

  /**
   * Bytes, as {@link ByteSize#parseBytes} reads them: binary units (KiB, MiB, ...), as S3 part
   * sizes are.
   */
  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      try {
        return ByteSize.parseBytes(text);
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'" + text + "' is not a size; use e.g. 8MiB, 512KiB or 1048576");
      }
    }
  }

  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      String t = text.trim();
      if (t.matches("\\d+")) {
        return Duration.ofSeconds(Long.parseLong(t)); // bare seconds, as aws-cli's --expires-in
      }
      Matcher m = DURATION.matcher(t);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + text + "' is not a duration; use e.g. 900 (seconds), 90s, 15m, 12h, 7d");
      }
    }
  }

  /** 1.5 KiB, 200.0 MiB: for people; exact byte counts go in summaries. */
  static String bytes(long n) {
    return ByteSize.format(n);
  }
}
