package io.sluice.sampledata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {

  /** Tests run in the module's folder, which is the committed sample-data folder. */
  private static final Path COMMITTED = Path.of("");

  private static final List<String> DATA_FOLDERS = List.of("etl", "logs", "ml", "text");

  @TempDir Path dir;

  @Test
  void committedSampleDataIsExactlyTheGeneratorsOutputAtScaleOne() throws IOException {
    GenerationSummary summary =
        new SampleDataGenerator().generate(dir, GenerationSettings.committed());
    Map<String, byte[]> generated = files(dir);
    Map<String, byte[]> committed = files(COMMITTED);
    assertEquals(
        generated.keySet(),
        committed.keySet(),
        "the committed data folders hold other files than the generator writes; regenerate with"
            + " `bin/sluice sample-data generate --out sample-data`");
    generated.forEach(
        (path, bytes) ->
            assertArrayEquals(
                bytes,
                committed.get(path),
                path
                    + " differs from the generator's output; regenerate with `bin/sluice sample-data generate --out sample-data`"));
    assertEquals(generated.size(), summary.files().size());
    assertTrue(
        summary.bytes() < 3 * 1024 * 1024,
        "scale 1 is meant to stay a few MB, not " + summary.bytes());
  }

  @Test
  void theSameSettingsGiveTheSameBytesAndAnotherSeedOthers() throws IOException {
    SampleDataGenerator generator = new SampleDataGenerator();
    generator.generate(dir.resolve("a"), new GenerationSettings(7, 1));
    generator.generate(dir.resolve("b"), new GenerationSettings(7, 1));
    generator.generate(dir.resolve("c"), new GenerationSettings(8, 1));
    Map<String, byte[]> a = files(dir.resolve("a"));
    Map<String, byte[]> b = files(dir.resolve("b"));
    Map<String, byte[]> c = files(dir.resolve("c"));
    assertEquals(a.keySet(), b.keySet());
    a.forEach((path, bytes) -> assertArrayEquals(bytes, b.get(path), path));
    for (String path :
        List.of(OrdersGenerator.CSV, ChurnGenerator.CSV, AccessLogGenerator.APACHE_LOG)) {
      assertFalse(java.util.Arrays.equals(a.get(path), c.get(path)), path + " ignores the seed");
    }
  }

  @Test
  void scaleThreeWritesThreeTimesTheRecordsOfScaleOne() throws IOException {
    SampleDataGenerator generator = new SampleDataGenerator();
    GenerationSummary one = generator.generate(dir.resolve("one"), GenerationSettings.committed());
    GenerationSummary three =
        generator.generate(dir.resolve("three"), new GenerationSettings(42, 3));
    Map<String, Long> byFolderOne = recordsByFolder(dir.resolve("one"));
    Map<String, Long> byFolderThree = recordsByFolder(dir.resolve("three"));
    assertEquals(byFolderOne.keySet(), byFolderThree.keySet());
    byFolderOne.forEach(
        (folder, records) -> assertEquals(3 * records, byFolderThree.get(folder), folder));
    assertEquals(3 * one.records(), three.records());
    assertEquals(3 * one.badRecords(), three.badRecords());
    // The summary's counts are the files' lines less headers and comments, counted here
    // independently.
    assertEquals(one.records(), byFolderOne.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void everyOrderNamesACustomerOfTheChurnTable() throws IOException {
    new SampleDataGenerator()
        .generate(dir, new GenerationSettings(42, 2), List.of("orders", "churn"));
    Set<String> customers = new HashSet<>();
    for (String line : Files.readAllLines(dir.resolve(ChurnGenerator.CSV)).subList(1, 10_001)) {
      customers.add(line.substring(0, line.indexOf(',')));
    }
    assertEquals(10_000, customers.size());
    List<String> orders = Files.readAllLines(dir.resolve(OrdersGenerator.CSV));
    Set<String> ordered = new HashSet<>();
    for (String line : orders.subList(1, orders.size())) {
      String customer = line.split(",", -1)[1].replace("\"", "");
      assertTrue(customers.contains(customer), "unknown customer in " + line);
      ordered.add(customer);
    }
    assertTrue(ordered.size() > 1000, "orders spread over " + ordered.size() + " customers");
  }

  @Test
  void badSettingsAndNamesAreRefusedNamingTheProblem() {
    IllegalArgumentException scale =
        assertThrows(IllegalArgumentException.class, () -> new GenerationSettings(1, 0));
    assertEquals("scale must be at least 1, got 0", scale.getMessage());
    IllegalArgumentException name =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SampleDataGenerator()
                    .generate(dir, GenerationSettings.committed(), List.of("orders", "weather")));
    assertEquals(
        "unknown dataset 'weather'; choose from churn, orders, logs, text", name.getMessage());
  }

  /**
   * Records per data folder, counted from the files: lines, less CloudFront's '#' header lines and
   * CSV headers.
   */
  private static Map<String, Long> recordsByFolder(Path root) throws IOException {
    Map<String, Long> records = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files(root).entrySet()) {
      String path = file.getKey();
      if (path.endsWith(".yaml") || path.endsWith(".json")) {
        continue;
      }
      String text = new String(file.getValue(), StandardCharsets.ISO_8859_1);
      long lines = text.chars().filter(c -> c == '\n').count();
      long headers =
          text.lines().filter(l -> l.startsWith("#")).count() + (path.endsWith(".csv") ? 1 : 0);
      records.merge(path.substring(0, path.lastIndexOf('/')), lines - headers, Long::sum);
    }
    return records;
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    for (String folder : DATA_FOLDERS) {
      Path base = root.resolve(folder);
      if (!Files.isDirectory(base)) {
        continue;
      }
      List<Path> found = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(base)) {
        walk.filter(Files::isRegularFile).forEach(found::add);
      }
      for (Path f : found) {
        files.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    return files;
  }
}
