package io.sluice.jobs.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

class LeftSideBufferTest {

  @Test
  void keepsSmallKeysInMemory() throws Exception {
    try (LeftSideBuffer buffer = new LeftSideBuffer(1 << 20)) {
      add(buffer, 100);
      assertEquals(100, replay(buffer).size());
      assertEquals(0, buffer.spilledRecords());
    }
  }

  @Test
  void spillsBeyondTheBoundAndReplaysEverythingInOrderEveryTime() throws Exception {
    long bound = 10 * (LeftSideBuffer.RECORD_OVERHEAD + 8);
    try (LeftSideBuffer buffer = new LeftSideBuffer(bound)) {
      List<String> added = add(buffer, 1_000);
      assertEquals(added, replay(buffer));
      assertEquals(added, replay(buffer), "a spilled key is replayed once per right record");
      assertTrue(buffer.spilledRecords() > 900, "spilled " + buffer.spilledRecords());
      assertTrue(buffer.peakBytesInMemory() <= bound, "peak " + buffer.peakBytesInMemory());
      assertEquals(1, buffer.keysSpilled());

      buffer.clear();
      assertTrue(buffer.isEmpty());
      List<String> next = add(buffer, 3);
      assertEquals(next, replay(buffer), "the next key starts in memory again");
      assertEquals(1, buffer.keysSpilled());
    }
  }

  private static List<String> add(LeftSideBuffer buffer, int n) throws Exception {
    List<String> added = new ArrayList<>();
    Text record = new Text();
    for (int i = 0; i < n; i++) {
      String fields = ",v" + String.format("%06d", i);
      added.add(fields);
      record.set(fields);
      buffer.add(record);
    }
    return added;
  }

  private static List<String> replay(LeftSideBuffer buffer) throws Exception {
    List<String> seen = new ArrayList<>();
    buffer.forEach(record -> seen.add(record.toString()));
    return seen;
  }
}
