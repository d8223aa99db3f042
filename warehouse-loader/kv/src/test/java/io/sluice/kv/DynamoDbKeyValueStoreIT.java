package io.sluice.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The store's operations against a real DynamoDB API server (dynalite), started once for the class.
 */
class DynamoDbKeyValueStoreIT extends EmbeddedDynamoDbTestBase {

  private static final KeySchema MUSIC =
      new KeySchema(
          new KeyAttribute("Artist", KeyType.S), new KeyAttribute("SongTitle", KeyType.S));

  @Test
  void createPutGetUpdateDeleteAsInTheDynamoDbLab() {
    assertTrue(store.createTableIfMissing("Music", MUSIC));
    assertFalse(store.createTableIfMissing("Music", MUSIC), "second create finds the table");
    assertEquals(MUSIC, store.keySchema("Music"));

    Map<String, AttributeValue> callMeToday = song("No One You Know", "Call Me Today", "1");
    callMeToday.put("AlbumTitle", AttributeValue.fromS("Somewhat Famous"));
    store.put("Music", callMeToday);
    store.put("Music", song("No One You Know", "Howdy", "2"));
    store.put("Music", song("Acme Band", "Happy Day", "10"));

    Map<String, AttributeValue> key = MUSIC.keyOf("No One You Know", "Call Me Today");
    assertEquals("Somewhat Famous", store.get("Music", key).orElseThrow().get("AlbumTitle").s());

    Map<String, AttributeValue> updated =
        store.update(
            "Music",
            key,
            Map.of("AlbumTitle", AttributeValue.fromS("Updated Album Title")),
            Set.of("Awards"));
    assertEquals("Updated Album Title", updated.get("AlbumTitle").s());
    assertFalse(updated.containsKey("Awards"));
    assertEquals(
        "Updated Album Title", store.get("Music", key).orElseThrow().get("AlbumTitle").s());

    List<String> titles = new ArrayList<>();
    store
        .query("Music", "No One You Know", null, 0)
        .forEach(i -> titles.add(i.get("SongTitle").s()));
    assertEquals(List.of("Call Me Today", "Howdy"), titles, "one partition, in sort key order");
    List<String> begins = new ArrayList<>();
    store
        .query(
            "Music",
            "No One You Know",
            SortKeyCondition.of(SortKeyCondition.Operator.BEGINS_WITH, "Ho"),
            0)
        .forEach(i -> begins.add(i.get("SongTitle").s()));
    assertEquals(List.of("Howdy"), begins);

    int scanned = 0;
    for (Map<String, AttributeValue> ignored : store.scan("Music", 0)) {
      scanned++;
    }
    assertEquals(3, scanned);
    int limited = 0;
    for (Map<String, AttributeValue> ignored : store.scan("Music", 2)) {
      limited++;
    }
    assertEquals(2, limited);

    assertTrue(store.delete("Music", key).isPresent());
    assertTrue(store.get("Music", key).isEmpty());
    assertTrue(store.delete("Music", key).isEmpty(), "deleting again finds nothing");
  }

  /** An item of the lab's Music table (a mutable map, for more attributes). */
  private static Map<String, AttributeValue> song(String artist, String title, String awards) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("Artist", AttributeValue.fromS(artist));
    item.put("SongTitle", AttributeValue.fromS(title));
    item.put("Awards", AttributeValue.fromN(awards));
    return item;
  }

  @Test
  void numberKeysAndErrorsNameTheProblem() {
    KeySchema numbers = KeySchema.of(new KeyAttribute("id", KeyType.N));
    store.createTableIfMissing("numbers", numbers);
    store.put("numbers", Map.of("id", AttributeValue.fromN("42"), "v", AttributeValue.fromS("x")));
    assertEquals("x", store.get("numbers", numbers.keyOf("42", null)).orElseThrow().get("v").s());

    InvalidItemException notANumber =
        assertThrows(InvalidItemException.class, () -> numbers.keyOf("abc", null));
    assertTrue(notANumber.getMessage().contains("'id' is a number"), notANumber.getMessage());
    InvalidItemException otherKey =
        assertThrows(
            InvalidItemException.class,
            () ->
                store.createTableIfMissing(
                    "numbers", KeySchema.of(new KeyAttribute("id", KeyType.S))));
    assertTrue(otherKey.getMessage().contains("exists with key id:N"), otherKey.getMessage());
    NoSuchTableException missing =
        assertThrows(
            NoSuchTableException.class, () -> store.get("no_such_table", numbers.keyOf("1", null)));
    assertTrue(missing.getMessage().contains("no_such_table"), missing.getMessage());
    InvalidItemException keyUpdate =
        assertThrows(
            InvalidItemException.class,
            () ->
                store.update(
                    "numbers",
                    numbers.keyOf("42", null),
                    Map.of("id", AttributeValue.fromN("1")),
                    Set.of()));
    assertTrue(keyUpdate.getMessage().contains("key attribute"), keyUpdate.getMessage());
  }

  @Test
  void tablesOnDiskSurviveARestartAndADirectoryInUseIsRefused(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path data = dir.resolve("tables");
    KeySchema k = KeySchema.of(new KeyAttribute("k", KeyType.S));
    try (EmbeddedDynamoDb onDisk = EmbeddedDynamoDb.start(data, 0);
        DynamoDbKeyValueStore s = new DynamoDbKeyValueStore(onDisk.config())) {
      s.createTableIfMissing("kept", k);
      s.put("kept", Map.of("k", AttributeValue.fromS("a")));
      EmbeddedDynamoDbException inUse =
          assertThrows(EmbeddedDynamoDbException.class, () -> EmbeddedDynamoDb.start(data, 0));
      assertTrue(inUse.getMessage().contains("is in use by another server"), inUse.getMessage());
    }
    try (EmbeddedDynamoDb again = EmbeddedDynamoDb.start(data, 0);
        DynamoDbKeyValueStore s = new DynamoDbKeyValueStore(again.config())) {
      assertTrue(s.get("kept", k.keyOf("a", null)).isPresent());
    }
  }

  @Test
  void putBatchWritesEveryItem() {
    KeySchema k = KeySchema.of(new KeyAttribute("k", KeyType.S));
    store.createTableIfMissing("batch", k);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < KeyValueStore.MAX_BATCH_ITEMS; i++) {
      items.add(
          Map.of(
              "k", AttributeValue.fromS("key-" + i), "n", AttributeValue.fromN(String.valueOf(i))));
    }
    assertTrue(store.putBatch("batch", items).isEmpty());
    assertEquals("7", store.get("batch", k.keyOf("key-7", null)).orElseThrow().get("n").n());
  }

  /**
   * Timed reads (a gateway's kv-get) do not wake the store's timer thread each: their timeouts
   * queue behind its one-second tick. Counted from /proc (Linux), the thread's context switches:
   * one per read without the tick.
   */
  @Test
  void timedReadsDoNotWakeTheTimerThreadEach() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs /proc");
    KeySchema k = KeySchema.of(new KeyAttribute("k", KeyType.S));
    store.createTableIfMissing("timed", k);
    store.put("timed", Map.of("k", AttributeValue.fromS("a")));
    Duration timeout = Duration.ofSeconds(30);
    assertTrue(store.get("timed", k.keyOf("a", null), timeout).isPresent());
    long before = timerSwitches();
    int reads = 200;
    for (int i = 0; i < reads; i++) {
      assertTrue(store.get("timed", k.keyOf("a", null), timeout).isPresent());
    }
    long woken = timerSwitches() - before;
    assertTrue(woken < reads / 4, "the timer thread switched " + woken + " times in " + reads);
  }

  /** Context switches, voluntary or not, of this JVM's timer threads of stores ("comm" is cut). */
  private static long timerSwitches() throws IOException {
    long switches = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          if (!Files.readString(task.resolve("comm")).startsWith("sluice-kv-time")) {
            continue;
          }
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.contains("ctxt_switches:")) {
              switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (NoSuchFileException ended) {
          // a thread that ended while listed
        }
      }
    }
    return switches;
  }
}
