package io.sluice.jobs.tera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationReportTest {

  @Test
  void sortedSplitsAndFilesHaveNoErrors() {
    SplitSummary a = split("part-r-00000", 0, 1, 2, 2, 5);
    SplitSummary b = split("part-r-00000", 400, 5, 9);
    SplitSummary c = split("part-r-00001", 0, 9, 200);
    SplitSummary empty = split("part-r-00002", 0);
    ValidationReport report = ValidationReport.of(List.of(c, empty, b, a), List.of());

    assertEquals(List.of(), report.errors());
    assertEquals(8, report.records());
    assertEquals(List.of("records\t8", "checksum\t" + report.checksum()), report.lines());
  }

  @Test
  void misordersWithinASplitAcrossSplitsAndAcrossFilesAreNamed() {
    SplitSummary first = split("part-r-00000", 0, 1, 7, 3);
    SplitSummary second = split("part-r-00000", 300, 2);
    SplitSummary nextFile = split("part-r-00001", 0, 1);
    List<String> errors = ValidationReport.of(List.of(first, second, nextFile), List.of()).errors();

    assertEquals(
        List.of(
            "misorder in part-r-00000 at byte 200: key 00000000000000000003 sorts before the previous key 00000000000000000007",
            "misorder in part-r-00000 at byte 300: key 00000000000000000002 sorts before the previous key 00000000000000000003",
            "bad key partitioning: part-r-00000 ends with key 00000000000000000002 but the next file part-r-00001"
                + " starts with key 00000000000000000001, which sorts before it"),
        errors);
  }

  @Test
  void keysCompareAsUnsignedBytes() {
    // 0x80 is negative as a Java byte but sorts after 0x7f.
    SplitSummary s = new SplitSummary("f", 0);
    s.add(record(0x7f));
    s.add(record(0x80));
    s.add(record(0xff));
    assertEquals(0, s.misorders());
    s.add(record(0x00));
    assertEquals(1, s.misorders());
  }

  @Test
  void manyMisordersAreCountedWithTheFirstAsExamples() {
    SplitSummary s = new SplitSummary("f", 0);
    for (int i = 30; i > 0; i--) {
      s.add(record(i));
    }
    List<String> errors = ValidationReport.of(List.of(s), List.of()).errors();
    assertEquals(SplitSummary.MAX_EXAMPLES + 1, errors.size());
    assertEquals("19 more misorders in f after byte 0", errors.get(errors.size() - 1));
  }

  @Test
  void shortRecordsAreErrors() {
    List<String> lines =
        ValidationReport.of(
                List.of(split("in/a", 0, 1)),
                List.of(new ValidationReport.ShortRecord("in/a", 100, 37)))
            .lines();
    assertEquals(
        "error\tshort record in in/a at byte 100: the file ends 37 bytes into a 100-byte record",
        lines.get(0));
  }

  @Test
  void summaryTravelsAsWritable() throws Exception {
    SplitSummary s = split("hdfs://nn/x,y/part-r-00000", 1200, 5, 4, 6, 3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.write(new DataOutputStream(bytes));
    SplitSummary copy = new SplitSummary();
    copy.readFields(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertEquals(s.file(), copy.file());
    assertEquals(s.firstOffset(), copy.firstOffset());
    assertEquals(s.records(), copy.records());
    assertEquals(s.checksum(), copy.checksum());
    assertArrayEquals(s.firstKey(), copy.firstKey());
    assertArrayEquals(s.lastKey(), copy.lastKey());
    assertEquals(2, copy.misorders());
    assertEquals(
        ValidationReport.of(List.of(s), List.of()).lines(),
        ValidationReport.of(List.of(copy), List.of()).lines());
  }

  /** A split of records whose keys end in the given byte values. */
  private static SplitSummary split(String file, long offset, int... keys) {
    SplitSummary s = new SplitSummary(file, offset);
    for (int k : keys) {
      s.add(record(k));
    }
    return s;
  }

  private static byte[] record(int lastKeyByte) {
    byte[] record = new byte[TeraFormat.RECORD_LENGTH];
    record[TeraFormat.KEY_LENGTH - 1] = (byte) lastKeyByte;
    if (lastKeyByte > 0xff) {
      record[TeraFormat.KEY_LENGTH - 2] = (byte) (lastKeyByte >>> 8);
    }
    return record;
  }
}
