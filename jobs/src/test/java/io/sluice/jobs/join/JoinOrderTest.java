package io.sluice.jobs.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MapReduce keys' orders: join records by (key, side), output lines by (key, line). */
class JoinOrderTest {

  @Test
  void leftRecordsSortBeforeRightRecordsOfTheSameKey() {
    List<JoinKey> keys =
        new ArrayList<>(
            List.of(
                new JoinKey("b", JoinSide.LEFT),
                new JoinKey("a", JoinSide.RIGHT),
                new JoinKey("a", JoinSide.LEFT),
                new JoinKey("Ä", JoinSide.LEFT)));
    keys.sort(null);
    assertEquals(
        List.of("left:a", "right:a", "left:b", "left:Ä"),
        keys.stream().map(JoinKey::toString).toList());
  }

  @Test
  void groupingAndPartitioningIgnoreTheSide() {
    JoinKey left = new JoinKey("k", JoinSide.LEFT);
    JoinKey right = new JoinKey("k", JoinSide.RIGHT);
    assertEquals(0, new JoinKey.KeyGrouping().compare(left, right));
    assertTrue(new JoinKey.KeyGrouping().compare(left, new JoinKey("l", JoinSide.LEFT)) < 0);
    JoinKey.KeyPartitioner partitioner = new JoinKey.KeyPartitioner();
    for (int n = 1; n < 8; n++) {
      assertEquals(
          partitioner.getPartition(left, null, n), partitioner.getPartition(right, null, n));
    }
  }

  @Test
  void linesSortByKeyBeforeLine() {
    // By whole line "a!,b" < "a,z" ('!' < ','), but key "a" < "a!" comes first.
    List<KeyedLine> lines =
        new ArrayList<>(
            List.of(
                new KeyedLine("a!", "a!,b"),
                new KeyedLine("a", "a,z"),
                new KeyedLine("a", "a,y,1")));
    lines.sort(null);
    assertEquals(List.of("a,y,1", "a,z", "a!,b"), lines.stream().map(KeyedLine::toString).toList());
  }
}
