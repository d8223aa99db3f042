package io.sluice.jobs.tera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.RejectedRecord;
import io.sluice.storage.StorageUri;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeraRecordInputFormatTest {

  @TempDir Path dir;

  @Test
  void splitsNotOnRecordBoundariesReadEveryWholeRecordOnce() throws Exception {
    byte[] data = generate(0, 57);
    Files.write(dir.resolve("data"), data);

    // 333-byte splits cut records in the middle; each record belongs to the split it starts in.
    List<byte[]> read = readAll(333);

    assertEquals(57, read.size());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    read.forEach(r -> joined.write(r, 0, r.length));
    assertArrayEquals(data, joined.toByteArray());
  }

  @Test
  void blocksOfRecordsHoldTheSameRecordsAsSingleRecords() throws Exception {
    byte[] data = generate(0, 57);
    Files.write(dir.resolve("data"), data);

    // 7 records per key: a 333-byte split starts 3 or 4 records, so each is one short block.
    List<byte[]> small = readAll(333, 7);
    List<byte[]> large = readAll(1 << 20, 7); // one split: 8 blocks of 7 and one of 1
    for (List<byte[]> keys : List.of(small, large)) {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      keys.forEach(k -> joined.write(k, 0, k.length));
      assertArrayEquals(data, joined.toByteArray());
      keys.forEach(k -> assertTrue(k.length % 100 == 0 && k.length <= 700, "" + k.length));
    }
    assertEquals(9, large.size());
    assertEquals(700, large.get(0).length);
    assertEquals(100, large.get(8).length);
  }

  @Test
  void shortLastRecordIsNotReadButScannedWithFileAndOffset() throws Exception {
    byte[] whole = generate(0, 12);
    byte[] data = Arrays.copyOf(whole, 12 * 100 - 63); // 11 records and 37 bytes of the 12th
    Files.write(dir.resolve("part-0"), data);
    Files.write(dir.resolve("part-1"), generate(12, 3));
    Files.write(dir.resolve("_SUCCESS"), new byte[0]);

    assertEquals(14, readAll(250).size());

    Configuration conf = new Configuration();
    TeraInputScan scan = TeraInputScan.of(StorageUri.parse(dir.toString()), conf);
    assertEquals(2, scan.files().size(), "hidden files are not input: " + scan.files());
    assertEquals(14, scan.wholeRecords());
    assertEquals(15, scan.records());
    assertEquals(1, scan.shortRecords().size());
    TeraInputScan.ShortRecord tail = scan.shortRecords().get(0);
    assertTrue(tail.file().endsWith("/part-0"), tail.file());
    assertEquals(1100, tail.offset());
    assertArrayEquals(Arrays.copyOfRange(whole, 1100, 1137), tail.bytes());

    Path out = dir.resolve("out");
    scan.writeRejected(new org.apache.hadoop.fs.Path(out.toUri()), conf);
    String json =
        Files.readString(
            out.resolve(RejectedRecord.DIRECTORY).resolve(TeraInputScan.REJECTED_FILE),
            StandardCharsets.UTF_8);
    assertTrue(json.contains("\"position\":1100"), json);
    assertTrue(json.contains("the file ends 37 bytes into a 100-byte record"), json);
  }

  @Test
  void splitPointsAreDistinctAndFewerWhenTheSampleIsNot() {
    List<BytesWritable> sample = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sample.add(new BytesWritable(generate(i % 3, 1))); // 3 distinct records
    }
    List<BytesWritable> points = TeraSortMapReduce.splitPoints(sample, 8);
    // Split points must increase strictly: 3 distinct records give at most 3 (so 4 ranges, not 8).
    assertEquals(3, points.size());
    assertTrue(points.get(0).compareTo(points.get(1)) < 0);
    assertTrue(points.get(1).compareTo(points.get(2)) < 0);
    assertEquals(0, TeraSortMapReduce.splitPoints(List.of(), 4).size());
  }

  private List<byte[]> readAll(long splitSize) throws Exception {
    return readAll(splitSize, 1);
  }

  private List<byte[]> readAll(long splitSize, int recordsPerKey) throws Exception {
    Job job = Job.getInstance(new Configuration());
    job.getConfiguration().setInt(TeraRecordInputFormat.RECORDS_PER_KEY, recordsPerKey);
    FileInputFormat.setInputPaths(job, new org.apache.hadoop.fs.Path(dir.toUri()));
    FileInputFormat.setMaxInputSplitSize(job, splitSize);
    FileInputFormat.setMinInputSplitSize(job, 1);
    TeraRecordInputFormat format = new TeraRecordInputFormat();
    List<byte[]> records = new ArrayList<>();
    for (InputSplit split : format.getSplits(job)) {
      TaskAttemptContextImpl context =
          new TaskAttemptContextImpl(job.getConfiguration(), new TaskAttemptID());
      try (RecordReader<BytesWritable, NullWritable> reader =
          format.createRecordReader(split, context)) {
        reader.initialize(split, context);
        while (reader.nextKeyValue()) {
          records.add(reader.getCurrentKey().copyBytes());
        }
      }
    }
    return records;
  }

  /** {@code rows} Tera records from row {@code first}, as teragen writes them. */
  static byte[] generate(long first, int rows) {
    TeraRowGenerator generator = new TeraRowGenerator(first);
    byte[] out = new byte[rows * TeraFormat.RECORD_LENGTH];
    byte[] record = new byte[TeraFormat.RECORD_LENGTH];
    for (int i = 0; i < rows; i++) {
      generator.next(record);
      System.arraycopy(record, 0, out, i * TeraFormat.RECORD_LENGTH, TeraFormat.RECORD_LENGTH);
    }
    return out;
  }
}
