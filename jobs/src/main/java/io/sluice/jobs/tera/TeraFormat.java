package io.sluice.jobs.tera;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The Tera record layout Hadoop's TeraGen, TeraSort and TeraValidate use: fixed 100-byte records, a
 * 10-byte key followed by a 90-byte value, no separators, ordered by the key's unsigned bytes.
 */
public final class TeraFormat {

  public static final int RECORD_LENGTH = 100;
  public static final int KEY_LENGTH = 10;
  public static final int VALUE_LENGTH = RECORD_LENGTH - KEY_LENGTH;

  private TeraFormat() {}

  /** Orders two records (or keys) by unsigned bytes over the first {@code length} bytes. */
  public static int compare(byte[] a, byte[] b, int length) {
    return Arrays.compareUnsigned(a, 0, length, b, 0, length);
  }

  /** Where the first record starting at or after {@code offset} of a file begins. */
  public static long firstRecordAtOrAfter(long offset) {
    long rest = offset % RECORD_LENGTH;
    return rest == 0 ? offset : offset + RECORD_LENGTH - rest;
  }

  /** The key of a record in hex, as error messages show it. */
  public static String keyHex(byte[] record) {
    return HexFormat.of().formatHex(record, 0, KEY_LENGTH);
  }
}
