package io.sluice.storage;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people write them in options and read them in summaries.
 *
 * <p>Parsing follows Spark's {@code JavaUtils.byteStringAsBytes}: a whole number and an optional
 * binary unit, case-insensitive: {@code b}, {@code k}/{@code kb}, {@code m}/{@code mb}, {@code
 * g}/{@code gb}, {@code t}/{@code tb}, {@code p}/{@code pb} (all powers of 1024); a bare number is
 * in the caller's default unit (bytes for byte counts, MiB for Spark memory settings); fractions
 * are refused. The IEC spellings ({@code KiB}, {@code MiB}, ...) are accepted as the same units,
 * since our S3 options have always been written that way.
 */
public final class ByteSize {

  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private static final Pattern WHOLE = Pattern.compile("([0-9]+)\\s*([a-z]+)?");
  private static final Pattern FRACTION = Pattern.compile("([0-9]+\\.[0-9]+)\\s*([a-z]+)?");

  /** A binary unit: its size is 1024 to the power of its ordinal. */
  public enum Unit {
    BYTE,
    KIB,
    MIB,
    GIB,
    TIB,
    PIB;

    long bytes() {
      return 1L << (10 * ordinal());
    }
  }

  private static final Map<String, Unit> SUFFIXES =
      Map.ofEntries(
          Map.entry("b", Unit.BYTE),
          Map.entry("k", Unit.KIB),
          Map.entry("kb", Unit.KIB),
          Map.entry("kib", Unit.KIB),
          Map.entry("m", Unit.MIB),
          Map.entry("mb", Unit.MIB),
          Map.entry("mib", Unit.MIB),
          Map.entry("g", Unit.GIB),
          Map.entry("gb", Unit.GIB),
          Map.entry("gib", Unit.GIB),
          Map.entry("t", Unit.TIB),
          Map.entry("tb", Unit.TIB),
          Map.entry("tib", Unit.TIB),
          Map.entry("p", Unit.PIB),
          Map.entry("pb", Unit.PIB),
          Map.entry("pib", Unit.PIB));

  private ByteSize() {}

  /** Binary units with one decimal; below 1 KiB the exact count. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** Bytes; a bare number is bytes ({@code 1048576}, {@code 8m}, {@code 512KiB}). */
  public static long parseBytes(String text) {
    return parse(text, Unit.BYTE, Unit.BYTE);
  }

  /**
   * Whole MiB, as Spark reads memory settings: a bare number is MiB ({@code 512m}, {@code 2g},
   * {@code 1024}).
   */
  public static long parseMiB(String text) {
    return parse(text, Unit.MIB, Unit.MIB);
  }

  /**
   * {@code text} in {@code result} units, rounded down; a bare number is in {@code bare} units.
   *
   * @throws IllegalArgumentException (a {@link NumberFormatException}) naming what was wrong,
   *     without the option: callers add it
   */
  public static long parse(String text, Unit bare, Unit result) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher whole = WHOLE.matcher(t);
    if (whole.matches()) {
      Unit unit = bare;
      if (whole.group(2) != null) {
        unit = SUFFIXES.get(whole.group(2));
        if (unit == null) {
          throw new NumberFormatException("invalid unit \"" + whole.group(2) + "\"");
        }
      }
      long value;
      try {
        value = Long.parseLong(whole.group(1));
      } catch (NumberFormatException e) {
        throw new NumberFormatException("too large: " + text);
      }
      return convert(value, unit, result, text);
    }
    if (FRACTION.matcher(t).matches()) {
      throw new NumberFormatException("fractional sizes are not supported: " + text);
    }
    throw new NumberFormatException("not a size: " + text);
  }

  private static long convert(long value, Unit from, Unit to, String text) {
    if (from.ordinal() <= to.ordinal()) {
      return value / (to.bytes() / from.bytes());
    }
    long factor = from.bytes() / to.bytes();
    if (value > Long.MAX_VALUE / factor) {
      throw new NumberFormatException("too large: " + text);
    }
    return value * factor;
  }
}
