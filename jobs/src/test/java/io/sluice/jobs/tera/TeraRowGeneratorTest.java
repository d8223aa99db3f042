package io.sluice.jobs.tera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.examples.terasort.GenSort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our generator against Hadoop's own gensort port (the generator inside Hadoop's TeraGen). */
class TeraRowGeneratorTest {

  @TempDir Path dir;

  @Test
  void firstRowsEqualHadoopsGenSortByteForByte() throws Exception {
    assertArrayEquals(hadoopGenSort(0, 2_000), ours(0, 2_000));
  }

  @Test
  void jumpingToFarRowsEqualsHadoopsGenSort() throws Exception {
    // Far row numbers exercise the skip-ahead over many bits, and hex digits A-F in the row id.
    for (long first :
        new long[] {1, 999_999, 1L << 33, 123_456_789_012_345L, Long.MAX_VALUE - 10}) {
      assertArrayEquals(hadoopGenSort(first, 10), ours(first, 10), "rows from " + first);
    }
  }

  @Test
  void jumpingAheadEqualsStepping() {
    TeraRowGenerator stepping = new TeraRowGenerator(0);
    byte[] stepped = new byte[TeraFormat.RECORD_LENGTH];
    for (int i = 0; i <= 4_321; i++) {
      stepping.next(stepped);
    }
    byte[] jumped = new byte[TeraFormat.RECORD_LENGTH];
    new TeraRowGenerator(4_321).next(jumped);
    assertArrayEquals(stepped, jumped);
  }

  @Test
  void checksumPrintsLikeHadoop() {
    assertEquals("0", new TeraChecksum().toString());
    assertEquals("1f", new TeraChecksum(0, 0x1f).toString());
    assertEquals("a000000000000000f", new TeraChecksum(0xa, 0xf).toString());
    TeraChecksum carry = new TeraChecksum(0, -1L);
    carry.add(new TeraChecksum(0, 1));
    assertEquals("10000000000000000", carry.toString());
  }

  private byte[] ours(long first, int rows) {
    TeraRowGenerator generator = new TeraRowGenerator(first);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] record = new byte[TeraFormat.RECORD_LENGTH];
    for (int i = 0; i < rows; i++) {
      generator.next(record);
      out.write(record, 0, record.length);
    }
    return out.toByteArray();
  }

  /** GenSort's command line: -bFIRST_ROW ROWS FILE (binary records, as TeraGen writes). */
  private byte[] hadoopGenSort(long first, int rows) throws Exception {
    Path file = dir.resolve("gensort-" + first);
    GenSort.main(new String[] {"-b" + first, Integer.toString(rows), file.toString()});
    return Files.readAllBytes(file);
  }
}
