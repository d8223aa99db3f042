package io.sluice.runner.kv;

import picocli.CommandLine.Option;

/** {@code --limit N}: how many items scan and query print at most. */
final class ItemLimit {

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "At most N items (default: all)")
  int limit;

  /** The limit, 0 for all; a negative one is the user's error. */
  int checked() {
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must be 0 or more, got " + limit);
    }
    return limit;
  }
}
