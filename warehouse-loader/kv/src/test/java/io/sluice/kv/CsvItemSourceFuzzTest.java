package io.sluice.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.Refusals;
import io.sluice.fuzz.TimeLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.hadoop.conf.Configuration;

/**
 * A key-value load's input (ItemSource: CSV by Commons CSV, or Parquet when a mutant starts with
 * PAR1) under seeded mutations of valid files: each record becomes an item or a bad row with a
 * reason, records are numbered 1, 2, 3... with none skipped, and a file that cannot be read is
 * refused with a one-line user error.
 */
class CsvItemSourceFuzzTest {

  private static final FuzzCounts COUNTS = new FuzzCounts("kv csv (CsvItemSource)");
  private static final Configuration CONF = new Configuration();
  private static Path dir;

  private static final List<String> SAMPLES =
      List.of(
          "\uFEFFid,note,n\r\n1,\"a, b\",5\r\n2,\"two\nlines\",\r\n\r\n3,\"say \"\"hi\"\"\",7\n",
          "Artist,SongTitle,Year\nAcme,Hi,2024\nBé,日本,\n\"x\"y,z,1\n");

  @BeforeContainer
  static void makeDir() throws Exception {
    dir = Files.createTempDirectory("fuzz-kv");
  }

  @Provide
  Arbitrary<Mutant> files() {
    return Mutations.of(SAMPLES);
  }

  @Provide
  Arbitrary<Mutant> hugeFiles() {
    return Mutations.withHugeField(SAMPLES);
  }

  @Property(seed = "1731", shrinking = ShrinkingMode.OFF)
  void everyRecordIsAnItemOrABadRow(@ForAll("files") Mutant file) throws Exception {
    read(file);
  }

  @Property(seed = "1732", tries = 10, shrinking = ShrinkingMode.OFF)
  void recordsWithAHugeFieldAreItemsOrBadRows(@ForAll("hugeFiles") Mutant file) throws Exception {
    read(file);
  }

  @AfterContainer
  static void printCounts() throws Exception {
    COUNTS.print();
    Files.deleteIfExists(dir.resolve("in.csv"));
    Files.deleteIfExists(dir);
  }

  private static void read(Mutant file) throws Exception {
    COUNTS.tried();
    Path csv = dir.resolve("in.csv");
    Files.write(csv, file.bytes());
    TimeLimit.call(
        () -> {
          ItemSource source;
          try {
            source = ItemSource.open(csv.toString(), CONF);
          } catch (RuntimeException e) {
            Refusals.check(e);
            COUNTS.refused();
            return null;
          }
          long items = 0;
          long bad = 0;
          try (source) {
            SourceRow row;
            while ((row = nextOrRefused(source)) != null) {
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
          COUNTS.accepted(items);
          COUNTS.quarantined(bad);
          return null;
        });
  }

  /** The next row; null at the end, or when the file is refused part-way (a Parquet footer). */
  private static SourceRow nextOrRefused(ItemSource source) throws Exception {
    try {
      return source.next();
    } catch (RuntimeException e) {
      Refusals.check(e);
      COUNTS.refused();
      return null;
    }
  }
}
