package io.sluice.jobs.tera;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.SluiceJobException;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a Tera input holds, measured from file lengths before a job runs: the whole records, and the
 * short record at the end of any file whose length is not a multiple of 100. Both engines read the
 * whole records only ({@link TeraRecordInputFormat}); the short ones are rejected here, with the
 * file and byte offset, so read = accepted + rejected holds.
 */
record TeraInputScan(List<String> files, long wholeRecords, List<ShortRecord> shortRecords) {

  /** File name (not path) of the rejected-records file under {@code <output>/_rejected/}. */
  static final String REJECTED_FILE = "short-records.jsonl";

  /** The incomplete last record of a file. */
  record ShortRecord(String file, long offset, byte[] bytes) {

    String reason() {
      return String.format(
          Locale.ROOT,
          "short record: the file ends %d bytes into a %d-byte record",
          bytes.length,
          TeraFormat.RECORD_LENGTH);
    }

    /** The record as hex, as the JSON of a rejected binary record holds it. */
    RejectedRecord toRejected() {
      return new RejectedRecord(file, offset, null, reason(), HexFormat.of().formatHex(bytes));
    }
  }

  static TeraInputScan of(StorageUri input, Configuration conf) {
    try {
      List<String> files = new ArrayList<>();
      long whole = 0;
      List<ShortRecord> shortRecords = new ArrayList<>();
      for (FileStatus file : TeraRecordInputFormat.inputFiles(conf, input.toHadoopPath())) {
        files.add(file.getPath().toString());
        long length = file.getLen();
        whole += length / TeraFormat.RECORD_LENGTH;
        int rest = (int) (length % TeraFormat.RECORD_LENGTH);
        if (rest != 0) {
          shortRecords.add(
              new ShortRecord(
                  file.getPath().toString(),
                  length - rest,
                  readTail(file.getPath(), length - rest, rest, conf)));
        }
      }
      return new TeraInputScan(List.copyOf(files), whole, List.copyOf(shortRecords));
    } catch (IOException e) {
      throw new BadInputException(
          "cannot list --input " + input.original() + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readTail(Path file, long offset, int length, Configuration conf)
      throws IOException {
    byte[] bytes = new byte[length];
    try (FSDataInputStream in = file.getFileSystem(conf).open(file)) {
      in.readFully(offset, bytes);
    }
    return bytes;
  }

  long records() {
    return wholeRecords + shortRecords.size();
  }

  /**
   * Writes the short records as {@link RejectedRecord} JSON lines under {@code
   * outputDir/_rejected/}.
   */
  void writeRejected(Path outputDir, Configuration conf) {
    if (shortRecords.isEmpty()) {
      return;
    }
    Path file = new Path(new Path(outputDir, RejectedRecord.DIRECTORY), REJECTED_FILE);
    try {
      FileSystem fs = file.getFileSystem(conf);
      try (OutputStream out = fs.create(file, false)) {
        for (ShortRecord r : shortRecords) {
          out.write((r.toRejected().toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new SluiceJobException(
          "cannot write rejected records to " + file + ": " + e.getMessage(), e);
    }
  }
}
