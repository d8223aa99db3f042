package io.sluice.storage;

import java.util.Locale;

/** Byte counts as people read them in summaries: {@code 512 B}, {@code 1.5 KiB}, {@code 74.8 MiB}. */
public final class ByteSize {

  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

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
}
