package io.sluice.testing;

import java.util.Arrays;
import java.util.function.BiPredicate;

/**
 * A maximum matching between two lists (Kuhn's augmenting paths): which right item each left item
 * is paired with, each used once. Used to compare multisets whose items match approximately.
 */
final class Matching {

  private Matching() {}

  /** For each left index, the matched right index or -1. */
  static int[] maximum(int left, int right, BiPredicate<Integer, Integer> compatible) {
    boolean[][] edges = new boolean[left][right];
    for (int l = 0; l < left; l++) {
      for (int r = 0; r < right; r++) {
        edges[l][r] = compatible.test(l, r);
      }
    }
    int[] rightMatch = new int[right];
    Arrays.fill(rightMatch, -1);
    for (int l = 0; l < left; l++) {
      augment(l, edges, rightMatch, new boolean[right]);
    }
    int[] leftMatch = new int[left];
    Arrays.fill(leftMatch, -1);
    for (int r = 0; r < right; r++) {
      if (rightMatch[r] >= 0) {
        leftMatch[rightMatch[r]] = r;
      }
    }
    return leftMatch;
  }

  private static boolean augment(int l, boolean[][] edges, int[] rightMatch, boolean[] seen) {
    for (int r = 0; r < rightMatch.length; r++) {
      if (edges[l][r] && !seen[r]) {
        seen[r] = true;
        if (rightMatch[r] < 0 || augment(rightMatch[r], edges, rightMatch, seen)) {
          rightMatch[r] = l;
          return true;
        }
      }
    }
    return false;
  }
}
