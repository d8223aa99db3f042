package io.sluice.testing;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which of several byte strings occur in a byte array, found in one pass (Wu and Manber's
 * multi-pattern search over 2-byte blocks). {@link SecretScan} searches an image's gigabyte of
 * layers for nine or more forms of its secrets: a {@code String.contains} pass per form took about
 * 0.7 s a form and a gigabyte on a C1-only test JVM; this looks at about one position in the
 * shortest form's length less one, for all forms at once.
 */
final class MultiSearch {

  private final byte[][] patterns;

  /** The shortest pattern's length: the window each step looks at ends with a 2-byte block. */
  private final int window;

  /** How far the window may move when its last block is this one (block = byte 1 << 8 | byte 2). */
  private final int[] shift;

  /** The patterns whose first {@code window} bytes end with this block (null: none). */
  private final int[][] endingWith;

  MultiSearch(List<byte[]> patterns) {
    this.patterns = patterns.toArray(byte[][]::new);
    this.window = patterns.stream().mapToInt(p -> p.length).min().orElse(0);
    if (window < 2) {
      shift = null;
      endingWith = null;
      return;
    }
    shift = new int[1 << 16];
    Arrays.fill(shift, window - 1);
    endingWith = new int[1 << 16][];
    for (int k = 0; k < this.patterns.length; k++) {
      byte[] p = this.patterns[k];
      // A block ending at q (1 <= q < window) of the pattern's prefix: an occurrence may end its
      // prefix window - 1 - q bytes further on, so the window moves no further than that.
      for (int q = 1; q < window; q++) {
        int b = block(p, q);
        shift[b] = Math.min(shift[b], window - 1 - q);
      }
      int last = block(p, window - 1);
      int[] before = endingWith[last] == null ? new int[0] : endingWith[last];
      endingWith[last] = Arrays.copyOf(before, before.length + 1);
      endingWith[last][before.length] = k;
    }
  }

  /** The indexes (in the constructor's order) of the patterns that occur in {@code data}. */
  BitSet find(byte[] data) {
    BitSet found = new BitSet(patterns.length);
    if (patterns.length == 0) {
      return found;
    }
    if (window < 2) {
      for (int k = 0; k < patterns.length; k++) {
        for (int start = 0; start + patterns[k].length <= data.length; start++) {
          if (matchesAt(data, start, patterns[k])) {
            found.set(k);
            break;
          }
        }
      }
      return found;
    }
    int end = window - 1; // the window is data[end - window + 1 .. end]
    while (end < data.length) {
      int b = block(data, end);
      int s = shift[b];
      if (s > 0) {
        end += s;
        continue;
      }
      int start = end - window + 1;
      for (int k : endingWith[b]) {
        if (!found.get(k) && matchesAt(data, start, patterns[k])) {
          found.set(k);
        }
      }
      end++;
    }
    return found;
  }

  private static int block(byte[] bytes, int secondIndex) {
    return (bytes[secondIndex - 1] & 0xff) << 8 | (bytes[secondIndex] & 0xff);
  }

  private static boolean matchesAt(byte[] data, int start, byte[] pattern) {
    if (start + pattern.length > data.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (data[start + i] != pattern[i]) {
        return false;
      }
    }
    return true;
  }
}
