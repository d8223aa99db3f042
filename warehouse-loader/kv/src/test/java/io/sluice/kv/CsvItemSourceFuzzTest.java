package io.sluice.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.ParserFuzz;
import io.sluice.fuzz.Refusals;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A key-value load's input (ItemSource: CSV by Commons CSV, or Parquet when a mutant starts with
 * PAR1) under seeded mutations of valid files: each record becomes an item or a bad row with a
 * reason, records are numbered 1, 2, 3... with none skipped, and a file that cannot be read is
 * refused with a one-line user error.
 */
class CsvItemSourceFuzzTest extends FuzzTestBase {

  private static final Configuration CONF = new Configuration();

  private static final List<String> SAMPLES =
      List.of(
          "\uFEFFid,note,n\r\n1,\"a, b\",5\r\n2,\"two\nlines\",\r\n\r\n3,\"say \"\"hi\"\"\",7\n",
          "Artist,SongTitle,Year\nAcme,Hi,2024\nBé,日本,\n\"x\"y,z,1\n");

  private static final ParserFuzz CSV_FILES =
      ParserFuzz.ofFiles("kv csv (CsvItemSource)", SAMPLES, "in.csv", CsvItemSourceFuzzTest::read)
          .properties("every record is an item or a bad row", 1731, 1732, 10);

  private static void read(Path csv, FuzzCounts counts) throws Exception {
    ItemSource source;
    try {
      source = ItemSource.open(csv.toString(), CONF);
    } catch (RuntimeException e) {
      Refusals.check(e);
      counts.refused();
      return;
    }
    long items = 0;
    long bad = 0;
    try (source) {
      SourceRow row;
      while ((row = nextOrRefused(source, counts)) != null) {
        assertEquals(items + bad + 1, row.number(), "records are numbered without gaps");
        if (row.isBad()) {
          assertFalse(row.error().isBlank(), "a bad row has a reason");
          bad++;
        } else {
          assertNotNull(row.item());
          items++;
        }
      }
    }
    counts.accepted(items);
    counts.quarantined(bad);
  }

  /** The next row; null at the end, or when the file is refused part-way (a Parquet footer). */
  private static SourceRow nextOrRefused(ItemSource source, FuzzCounts counts) throws Exception {
    try {
      return source.next();
    } catch (RuntimeException e) {
      Refusals.check(e);
      counts.refused();
      return null;
    }
  }
}
