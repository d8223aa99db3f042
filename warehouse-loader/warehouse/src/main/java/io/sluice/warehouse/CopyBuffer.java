package io.sluice.warehouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;

/**
 * A growable byte buffer of COPY text, written directly as UTF-8 bytes: numbers, dates and
 * timestamps are formatted without intermediate strings, and UTF-8 strings from Parquet are copied
 * byte by byte with COPY's escapes (backslash, tab, newline, carriage return are ASCII, so escaping
 * bytes is escaping characters).
 */
final class CopyBuffer {

  private static final long SECONDS_PER_DAY = 86_400L;
  private byte[] buf;
  private int len;

  CopyBuffer(int capacity) {
    buf = new byte[capacity];
  }

  int length() {
    return len;
  }

  byte[] array() {
    return buf;
  }

  /** A copy of the content, and the buffer emptied. */
  byte[] drain() {
    byte[] out = Arrays.copyOf(buf, len);
    len = 0;
    return out;
  }

  /**
   * Hands over the whole array (content in its first {@link #length} bytes, read before) and
   * continues, empty, in {@code replacement}: chunks go to the COPY senders without a copy, and
   * their arrays come back to be filled again.
   */
  byte[] swap(byte[] replacement) {
    byte[] full = buf;
    buf = replacement;
    len = 0;
    return full;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  void put(char ascii) {
    ensure(1);
    buf[len++] = (byte) ascii;
  }

  void putAscii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  void putLong(long v) {
    if (v == Long.MIN_VALUE) {
      putAscii(Long.toString(v));
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int start = len;
    do {
      buf[len++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    reverse(start, len - 1);
  }

  private void putPadded(long v, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      buf[len + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += width;
  }

  private void reverse(int i, int j) {
    while (i < j) {
      byte t = buf[i];
      buf[i++] = buf[j];
      buf[j--] = t;
    }
  }

  /** {@code unscaled * 10^-scale} in plain notation. */
  void putDecimal(long unscaled, int scale) {
    if (scale == 0) {
      putLong(unscaled);
      return;
    }
    if (unscaled == Long.MIN_VALUE || scale > 18) {
      putAscii(BigDecimal.valueOf(unscaled, scale).toPlainString());
      return;
    }
    if (unscaled < 0) {
      put('-');
      unscaled = -unscaled;
    }
    long pow = 1;
    for (int i = 0; i < scale; i++) {
      pow *= 10;
    }
    putLong(unscaled / pow);
    put('.');
    putPadded(unscaled % pow, scale);
  }

  void putDecimal(BigInteger unscaled, int scale) {
    if (unscaled.bitLength() < 63) {
      putDecimal(unscaled.longValue(), scale);
    } else {
      putAscii(new BigDecimal(unscaled, scale).toPlainString());
    }
  }

  /** ISO date; years before 1 in PostgreSQL's {@code YYYY-MM-DD BC} form. */
  void putDate(long epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    putYmd(d);
    if (d.getYear() <= 0) {
      putAscii(" BC");
    }
  }

  private void putYmd(LocalDate d) {
    int year = d.getYear();
    putPadded(
        year <= 0 ? 1L - year : year,
        year > 9999 || year < -9998 ? String.valueOf(Math.abs((long) year)).length() : 4);
    put('-');
    putPadded(d.getMonthValue(), 2);
    put('-');
    putPadded(d.getDayOfMonth(), 2);
  }

  /** {@code YYYY-MM-DD HH:MM:SS[.fraction]} (UTC) and {@code +00} when {@code zoned}. */
  void putTimestamp(long epochSecond, int nanos, boolean zoned) {
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    long secondOfDay = Math.floorMod(epochSecond, SECONDS_PER_DAY);
    LocalDate d = LocalDate.ofEpochDay(day);
    putYmd(d);
    put(' ');
    putPadded(secondOfDay / 3600, 2);
    put(':');
    putPadded(secondOfDay / 60 % 60, 2);
    put(':');
    putPadded(secondOfDay % 60, 2);
    if (nanos != 0) {
      put('.');
      if (nanos % 1000 == 0) {
        putPadded(nanos / 1000, 6);
      } else {
        putPadded(nanos, 9);
      }
    }
    if (zoned) {
      putAscii("+00");
    }
    if (d.getYear() <= 0) {
      putAscii(" BC");
    }
  }

  // Binary COPY: big-endian fixed-width integers, as PostgreSQL's send/recv functions read them.

  void putInt16(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void putInt32(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void putInt64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
  }

  void putBytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, len, length);
    len += length;
  }

  /** The bytes of a Parquet binary value as they are (no escapes: binary COPY). */
  void putBinary(Binary value) {
    // toByteBuffer: a view of the value's bytes (slices of a dictionary or page), no copy.
    ByteBuffer bytes = value.toByteBuffer();
    int n = bytes.remaining();
    ensure(n);
    bytes.get(buf, len, n);
    len += n;
  }

  private final int[] numericDigits = new int[9];
  private static final int NUMERIC_POS = 0x0000;
  private static final int NUMERIC_NEG = 0x4000;
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  /**
   * A binary COPY field (length, then value) of PostgreSQL's numeric send format: digit count,
   * weight, sign, display scale, then base-10000 digits, most significant first; the value is
   * {@code sum(digit[i] * 10000^(weight - i))}, with no leading or trailing zero digits.
   */
  void putNumericField(long unscaled, int scale) {
    // The fraction is padded to whole base-10000 digits: it must stay below 10^18 to fit a long.
    if (unscaled == Long.MIN_VALUE || scale > 15) {
      putNumericField(BigInteger.valueOf(unscaled), scale);
      return;
    }
    int sign = unscaled < 0 ? NUMERIC_NEG : NUMERIC_POS;
    long u = Math.abs(unscaled);
    long intPart = u / POW10[scale];
    int pad = (4 - scale % 4) % 4;
    long frac = u % POW10[scale] * POW10[pad];
    int fracGroups = (scale + pad) / 4;
    // At most 5 integer and 4 fraction groups here (scale <= 15): a reused scratch array, no
    // allocation per value.
    int[] digits = numericDigits;
    int intGroups = 0;
    for (long v = intPart; v != 0; v /= 10_000) {
      intGroups++;
    }
    for (int i = intGroups - 1, j = 0; j < intGroups; i--, j++) {
      digits[i] = (int) (intPart % 10_000);
      intPart /= 10_000;
    }
    for (int j = fracGroups - 1; j >= 0; j--) {
      digits[intGroups + j] = (int) (frac % 10_000);
      frac /= 10_000;
    }
    putNumericDigits(digits, intGroups + fracGroups, intGroups - 1, sign, scale);
  }

  void putNumericField(BigInteger unscaled, int scale) {
    if (unscaled.bitLength() < 63 && scale <= 15) {
      putNumericField(unscaled.longValue(), scale);
      return;
    }
    int sign = unscaled.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS;
    String text = unscaled.abs().toString();
    // Integer and fraction digits, each padded to whole groups of four decimal digits.
    String intText = text.length() > scale ? text.substring(0, text.length() - scale) : "";
    String fracText =
        text.length() > scale
            ? text.substring(text.length() - scale)
            : "0".repeat(scale - text.length()) + text;
    intText = "0".repeat((4 - intText.length() % 4) % 4) + intText;
    fracText = fracText + "0".repeat((4 - fracText.length() % 4) % 4);
    int intGroups = intText.length() / 4;
    int fracGroups = fracText.length() / 4;
    int[] digits = new int[intGroups + fracGroups];
    for (int i = 0; i < intGroups; i++) {
      digits[i] = Integer.parseInt(intText, 4 * i, 4 * i + 4, 10);
    }
    for (int i = 0; i < fracGroups; i++) {
      digits[intGroups + i] = Integer.parseInt(fracText, 4 * i, 4 * i + 4, 10);
    }
    putNumericDigits(digits, digits.length, intGroups - 1, sign, scale);
  }

  private void putNumericDigits(int[] digits, int count, int weight, int sign, int scale) {
    int first = 0;
    while (first < count && digits[first] == 0) {
      first++;
      weight--;
    }
    while (count > first && digits[count - 1] == 0) {
      count--;
    }
    int n = count - first;
    if (n == 0) {
      weight = 0;
      sign = NUMERIC_POS;
    }
    putInt32(8 + 2 * n);
    putInt16(n);
    putInt16(weight);
    putInt16(sign);
    putInt16(scale);
    for (int i = first; i < count; i++) {
      putInt16(digits[i]);
    }
  }

  /** UTF-8 bytes with COPY escapes. */
  void putEscaped(Binary utf8) {
    int n = utf8.length();
    ensure(n * 2);
    // getBytesUnsafe: the backing array when it is exactly the value, else a copy of the slice.
    byte[] bytes = utf8.getBytesUnsafe();
    for (int i = 0; i < n; i++) {
      putEscapedByte(bytes[i]);
    }
  }

  private void putEscapedByte(byte b) {
    switch (b) {
      case '\\' -> {
        buf[len++] = '\\';
        buf[len++] = '\\';
      }
      case '\t' -> {
        buf[len++] = '\\';
        buf[len++] = 't';
      }
      case '\n' -> {
        buf[len++] = '\\';
        buf[len++] = 'n';
      }
      case '\r' -> {
        buf[len++] = '\\';
        buf[len++] = 'r';
      }
      default -> buf[len++] = b;
    }
  }

  /** Text with COPY escapes. */
  void putEscaped(CharSequence text) {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    ensure(bytes.length * 2);
    for (byte b : bytes) {
      putEscapedByte(b);
    }
  }
}
