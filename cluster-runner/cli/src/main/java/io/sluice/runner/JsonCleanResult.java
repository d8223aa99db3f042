package io.sluice.runner;

import java.util.List;

/**
 * What {@code sluice clean --json} prints: one object with every leftover found and what was done
 * with it.
 *
 * @param bytes the known size of what was (or, on a dry run, would be) removed
 */
public record JsonCleanResult(
    boolean dryRun,
    int found,
    int removed,
    int kept,
    int failed,
    long bytes,
    double seconds,
    List<Item> leftovers) {

  /**
   * One leftover.
   *
   * @param action {@code removed}, {@code would remove}, {@code kept} or {@code failed}
   * @param owner {@code host pid N}, or null when the artefact names none
   * @param bytes -1 when unknown
   * @param reason why it was kept or could not be removed; null otherwise
   */
  public record Item(
      String action,
      String what,
      String where,
      String owner,
      long ageSeconds,
      long bytes,
      String reason) {}
}
