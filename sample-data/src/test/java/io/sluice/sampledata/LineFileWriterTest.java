package io.sluice.sampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineFileWriterTest {

  @TempDir Path dir;

  @Test
  void aFailedWriteLeavesThePreviousFileAndNoPartOfTheNewOne() throws IOException {
    Path target = Files.createDirectories(dir.resolve("etl")).resolve("orders.csv");
    Files.writeString(target, "previous\n");
    assertThrows(
        IllegalStateException.class,
        () -> {
          try (LineFileWriter out = new LineFileWriter(dir, "etl/orders.csv")) {
            out.header("h");
            out.record("1");
            throw new IllegalStateException("disk full, say");
          }
        });
    assertEquals("previous\n", Files.readString(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList(), "no partial file is left");
    }
  }

  @Test
  void finishReplacesTheFileAndCountsRecordsAndBadOnes() throws IOException {
    Path target = Files.createDirectories(dir.resolve("etl")).resolve("orders.csv");
    Files.writeString(target, "previous\n");
    GeneratedFile file;
    try (LineFileWriter out = new LineFileWriter(dir, "etl/orders.csv")) {
      out.header("h");
      out.record("1");
      out.badRecord(new byte[] {(byte) 0xff, 'x'});
      file = out.finish();
    }
    assertEquals(new GeneratedFile("etl/orders.csv", 2, 1, 7), file);
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(List.of(target), files.toList());
    }
  }
}
