package io.sluice.jobs.wordcount;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * Counts the words of lines given as UTF-8 bytes, split on the bytes of {@link
 * java.util.StringTokenizer}'s default delimiters (space, tab, newline, carriage return, form
 * feed). Those are ASCII, which never occurs inside a multi-byte UTF-8 character, so the byte
 * tokens are exactly the tokens of the decoded line; a word is decoded once, when the counts are
 * handed on, not once per occurrence (the map side of Spark's WordCount, which otherwise spends its
 * time decoding lines and running a regex).
 *
 * <p>The table is open-addressed over flat arrays, the words' bytes in one array: a lookup touches
 * a few compact arrays instead of a map node, a key object and its bytes scattered on the heap.
 */
final class WordTally {

  private int[] slots; // entry + 1, 0 when empty
  private int[] hashes;
  private int[] starts;
  private int[] lengths;
  private long[] counts;
  private byte[] bytes;
  private int size;
  private int bytesUsed;

  WordTally() {
    reset();
  }

  private void reset() {
    slots = new int[1 << 16];
    hashes = new int[1 << 15];
    starts = new int[1 << 15];
    lengths = new int[1 << 15];
    counts = new long[1 << 15];
    bytes = new byte[1 << 18];
    size = 0;
    bytesUsed = 0;
  }

  /** Counts the words of one line. */
  void add(byte[] line) {
    int at = 0;
    while (at < line.length) {
      while (at < line.length && isDelimiter(line[at])) {
        at++;
      }
      int start = at;
      int h = 1;
      while (at < line.length && !isDelimiter(line[at])) {
        h = 31 * h + line[at++];
      }
      if (at > start) {
        count(line, start, at, mix(h));
      }
    }
  }

  private void count(byte[] line, int from, int to, int hash) {
    int mask = slots.length - 1;
    int length = to - from;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int entry = slots[slot] - 1;
      if (entry < 0) {
        slots[slot] = insert(line, from, length, hash) + 1;
        if (size * 2 > slots.length) {
          rehash();
        }
        return;
      }
      if (hashes[entry] == hash
          && lengths[entry] == length
          && sameBytes(starts[entry], line, from, length)) {
        counts[entry]++;
        return;
      }
    }
  }

  /**
   * Whether the stored word at {@code start} has the bytes of {@code line} from {@code from}. A
   * plain loop: words are a few bytes, where Arrays.equals's vectorised set-up costs more (it took
   * half of a task's time in a profile).
   */
  private boolean sameBytes(int start, byte[] line, int from, int length) {
    for (int i = 0; i < length; i++) {
      if (bytes[start + i] != line[from + i]) {
        return false;
      }
    }
    return true;
  }

  private int insert(byte[] line, int from, int length, int hash) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      starts = Arrays.copyOf(starts, size * 2);
      lengths = Arrays.copyOf(lengths, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    if (bytesUsed + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, bytesUsed + length));
    }
    System.arraycopy(line, from, bytes, bytesUsed, length);
    hashes[size] = hash;
    starts[size] = bytesUsed;
    lengths[size] = length;
    counts[size] = 1;
    bytesUsed += length;
    return size++;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int entry = 0; entry < size; entry++) {
      int slot = hashes[entry] & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = entry + 1;
    }
  }

  /** Spreads the polynomial hash's bits (Murmur3's finaliser): the table uses the low bits. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  /** Distinct words counted so far. */
  int size() {
    return size;
  }

  /**
   * The words counted so far with their counts, which it then forgets. Bytes that are not valid
   * UTF-8 decode to U+FFFD, as when the line is decoded first, so two such words may come out
   * equal, and a word drained twice comes out twice: the caller sums by word.
   */
  Iterator<Tuple2<String, Long>> drain() {
    byte[] words = bytes;
    int[] from = starts;
    int[] length = lengths;
    long[] count = counts;
    int entries = size;
    reset();
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < entries;
      }

      @Override
      public Tuple2<String, Long> next() {
        if (next >= entries) {
          throw new NoSuchElementException();
        }
        int e = next++;
        return new Tuple2<>(
            new String(words, from[e], length[e], StandardCharsets.UTF_8), count[e]);
      }
    };
  }

  private static boolean isDelimiter(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
  }
}
