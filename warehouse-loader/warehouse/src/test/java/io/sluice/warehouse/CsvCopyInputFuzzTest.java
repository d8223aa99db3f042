package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.ParserFuzz;
import io.sluice.fuzz.Refusals;
import io.sluice.storage.StorageUri;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A PostgreSQL load's CSV input (CsvRecordReader over Commons CSV, CsvCopyInput's checks) under
 * seeded mutations of valid files, without a server: the rows go to the COPY buffer. Each record is
 * copied or quarantined with a reason, copied + quarantined = records read, and a file whose header
 * cannot be used is refused with a one-line user error.
 */
class CsvCopyInputFuzzTest extends FuzzTestBase {

  private static final Configuration CONF = new Configuration();

  private static final List<String> SAMPLES =
      List.of(
          "id,name,price,day,at,ok\n"
              + "1,Ann,9.50,2024-03-01,2024-03-01 10:15:30,true\n"
              + "2,\"Bé, \"\"quoted\"\"\nover two lines\",-0.25,2024-02-29,2024-03-01T10:15:30,f\n"
              + "3,,,,,\n",
          "\uFEFFid,note\r\n42,日本\r\n\r\n43,\"x\"\"y\"\r\n");

  private static final ParserFuzz CSV_FILES =
      ParserFuzz.ofFiles(
              "warehouse csv (CsvCopyInput)", SAMPLES, "in.csv", CsvCopyInputFuzzTest::load)
          .properties("every record is copied or quarantined", 1721, 1722, 10);

  private static void load(Path csv, FuzzCounts counts) throws Exception {
    Path quarantinePath = csv.resolveSibling("quarantine.csv");
    Files.deleteIfExists(quarantinePath);
    LoadRequest request =
        LoadRequest.builder()
            .input(LoadInput.resolve(StorageUri.parse(csv.toString()), InputFormat.CSV, CONF))
            .table(TableName.parse("fuzz"))
            .mode(LoadMode.REPLACE)
            .build();
    CsvCopyInput input;
    try {
      input = new CsvCopyInput(request, null);
    } catch (RuntimeException e) {
      Refusals.check(e);
      counts.refused();
      return;
    }
    CopyStreams out = new CopyStreams(List.of(), false);
    long read;
    long quarantined;
    try (QuarantineFile quarantine = new QuarantineFile(quarantinePath)) {
      read = input.stream(out, quarantine);
      quarantined = quarantine.rows();
    }
    long copied = read - quarantined;
    assertTrue(copied >= 0, "copied + quarantined = read");
    if (Files.size(csv)
        < CopyStreams.COPY_BUFFER_BYTES / 2) { // larger, a chunk may have gone to the queue
      long rows = 0;
      byte[] bytes = out.buffer.array();
      for (int i = 0; i < out.buffer.length(); i++) {
        rows += bytes[i] == '\n' ? 1 : 0;
      }
      assertEquals(copied, rows, "one COPY row per copied record");
    }
    if (quarantined > 0) {
      List<String> lines = Files.readAllLines(quarantinePath, StandardCharsets.UTF_8);
      assertTrue(lines.size() > quarantined, "a quarantine row per quarantined record");
    }
    counts.accepted(copied);
    counts.quarantined(quarantined);
  }
}
