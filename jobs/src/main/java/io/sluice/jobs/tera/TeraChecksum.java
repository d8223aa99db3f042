package io.sluice.jobs.tera;

import java.io.Serializable;
import java.util.zip.CRC32;

/**
 * The checksum Hadoop's TeraGen, TeraChecksum and TeraValidate report for a data set: the sum,
 * modulo 2^128, of the CRC-32 of every 100-byte record. A sum does not depend on record order, so a
 * sort's output must have the checksum of its input.
 */
public final class TeraChecksum implements Serializable {
  private static final long serialVersionUID = 1L;

  private long hi;
  private long lo;
  private transient CRC32 crc;

  public TeraChecksum() {}

  public TeraChecksum(long hi, long lo) {
    this.hi = hi;
    this.lo = lo;
  }

  /** Adds the CRC-32 of {@code record[0..100)}. */
  public void addRecord(byte[] record) {
    if (crc == null) {
      crc = new CRC32();
    }
    crc.reset();
    crc.update(record, 0, TeraFormat.RECORD_LENGTH);
    add(0, crc.getValue());
  }

  public void add(TeraChecksum other) {
    add(other.hi, other.lo);
  }

  private void add(long otherHi, long otherLo) {
    long sum = lo + otherLo;
    hi += otherHi + (Long.compareUnsigned(sum, lo) < 0 ? 1 : 0);
    lo = sum;
  }

  public long hi() {
    return hi;
  }

  public long lo() {
    return lo;
  }

  /**
   * Lower-case hex without leading zeros, as Hadoop prints it, so reports can be compared as text.
   */
  @Override
  public String toString() {
    if (hi == 0) {
      return Long.toHexString(lo);
    }
    String low = Long.toHexString(lo);
    return Long.toHexString(hi) + "0".repeat(16 - low.length()) + low;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TeraChecksum other && other.hi == hi && other.lo == lo;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hi) * 31 + Long.hashCode(lo);
  }
}
