package io.sluice.jobs.tera;

import java.nio.charset.StandardCharsets;

/**
 * Generates the rows Hadoop's TeraGen writes, byte for byte, from any row number on.
 *
 * <p>Each row takes the next value of a 128-bit linear congruential generator (the one of Jim
 * Gray's sort benchmark "gensort": x' = A·x + C mod 2^128, starting from 0, advanced once before
 * the first row). Row {@code r} is laid out as:
 *
 * <pre>
 *   bytes  0-9   key: the 10 high-order bytes of the random value
 *   bytes 10-11  00 11
 *   bytes 12-43  the row number, 32 upper-case hex digits
 *   bytes 44-47  88 99 AA BB
 *   bytes 48-95  filler: hex digits 20..31 of the random value, each repeated 4 times
 *   bytes 96-99  CC DD EE FF
 * </pre>
 *
 * The generator can jump to any row in O(log row) steps, so every partition of a parallel TeraGen
 * starts where Hadoop's would and the concatenated output is the same.
 */
public final class TeraRowGenerator {

  /** Multiplier and increment of the generator (gensort's constants). */
  private static final long A_HI = 0x2360ed051fc65da4L;

  private static final long A_LO = 0x4385df649fccf645L;
  private static final long C_HI = 0x4a696d4772617952L;
  private static final long C_LO = 0x4950202020202001L;

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** The generator state: the random value of the row last generated. */
  private long hi;

  private long lo;
  private long nextRow;

  /** A generator whose first {@link #next} call returns row {@code firstRow}. */
  public TeraRowGenerator(long firstRow) {
    if (firstRow < 0) {
      throw new IllegalArgumentException("row numbers start at 0, got " + firstRow);
    }
    skipFromZero(firstRow);
    this.nextRow = firstRow;
  }

  /** The number of the row the next {@link #next} call writes. */
  public long nextRow() {
    return nextRow;
  }

  /** Writes the next row into {@code record[0..100)}. */
  public void next(byte[] record) {
    step();
    writeRecord(record, hi, lo, nextRow);
    nextRow++;
  }

  /**
   * Advances the state {@code n} steps from 0: applies x -> A^(2^i)·x + C_i for each set bit i of
   * n.
   */
  private void skipFromZero(long n) {
    long stepAHi = A_HI;
    long stepALo = A_LO;
    long stepCHi = C_HI;
    long stepCLo = C_LO;
    long xHi = 0;
    long xLo = 0;
    for (long rest = n; rest != 0; rest >>>= 1) {
      if ((rest & 1) != 0) {
        long[] ax = multiply(stepAHi, stepALo, xHi, xLo);
        long[] sum = add(ax[0], ax[1], stepCHi, stepCLo);
        xHi = sum[0];
        xLo = sum[1];
      }
      // Doubling the step: f(f(x)) = A·A·x + (A·C + C).
      long[] ac = multiply(stepAHi, stepALo, stepCHi, stepCLo);
      long[] c2 = add(ac[0], ac[1], stepCHi, stepCLo);
      long[] a2 = multiply(stepAHi, stepALo, stepAHi, stepALo);
      stepAHi = a2[0];
      stepALo = a2[1];
      stepCHi = c2[0];
      stepCLo = c2[1];
    }
    hi = xHi;
    lo = xLo;
  }

  /** One generator step, x = A·x + C, without allocating: it runs once per row. */
  private void step() {
    long productLo = A_LO * lo;
    long productHi = unsignedMultiplyHigh(A_LO, lo) + A_HI * lo + A_LO * hi;
    long sumLo = productLo + C_LO;
    long carry = Long.compareUnsigned(sumLo, productLo) < 0 ? 1 : 0;
    hi = productHi + C_HI + carry;
    lo = sumLo;
  }

  static void writeRecord(byte[] record, long randomHi, long randomLo, long row) {
    for (int i = 0; i < 8; i++) {
      record[i] = (byte) (randomHi >>> (56 - 8 * i));
    }
    record[8] = (byte) (randomLo >>> 56);
    record[9] = (byte) (randomLo >>> 48);
    record[10] = 0x00;
    record[11] = 0x11;
    // The row number is a 128-bit value printed as 32 hex digits; rows fit in the low 64 bits.
    for (int i = 0; i < 16; i++) {
      record[12 + i] = '0';
    }
    for (int i = 0; i < 16; i++) {
      record[28 + i] = HEX[(int) (row >>> (60 - 4 * i)) & 0xF];
    }
    record[44] = (byte) 0x88;
    record[45] = (byte) 0x99;
    record[46] = (byte) 0xAA;
    record[47] = (byte) 0xBB;
    // Hex digits 20..31 of the 128-bit random value are the low 12 nibbles of its low half.
    for (int i = 0; i < 12; i++) {
      byte digit = HEX[(int) (randomLo >>> (44 - 4 * i)) & 0xF];
      int at = 48 + 4 * i;
      record[at] = digit;
      record[at + 1] = digit;
      record[at + 2] = digit;
      record[at + 3] = digit;
    }
    record[96] = (byte) 0xCC;
    record[97] = (byte) 0xDD;
    record[98] = (byte) 0xEE;
    record[99] = (byte) 0xFF;
  }

  /** (aHi,aLo)·(bHi,bLo) mod 2^128 as {hi, lo}. */
  private static long[] multiply(long aHi, long aLo, long bHi, long bLo) {
    long resultLo = aLo * bLo;
    long resultHi = unsignedMultiplyHigh(aLo, bLo) + aHi * bLo + aLo * bHi;
    return new long[] {resultHi, resultLo};
  }

  private static long[] add(long aHi, long aLo, long bHi, long bLo) {
    long sumLo = aLo + bLo;
    long carry = Long.compareUnsigned(sumLo, aLo) < 0 ? 1 : 0;
    return new long[] {aHi + bHi + carry, sumLo};
  }

  /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18+). */
  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }
}
