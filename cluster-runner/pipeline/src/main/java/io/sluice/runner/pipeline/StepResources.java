package io.sluice.runner.pipeline;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a step uses that another step running at the same time must not: {@link ConcurrentSteps}
 * never runs two steps sharing one of these names at once, whatever their {@code needs} say.
 *
 * <ul>
 *   <li>a DuckDB file (loads and sql-checks): one process writes it through one connection at a
 *       time; a second connection to the same file is not safe while a load runs;
 *   <li>a table of another warehouse (loads), and the quarantine file a load of that table name
 *       writes rejected rows to;
 *   <li>a key-value table (loads): its quarantine file.
 * </ul>
 *
 * Models need nothing here: trainers registering one model name at once get distinct versions
 * ({@code ModelRegistry}), and a predict step that must see a train step's version needs it.
 */
final class StepResources {

  private StepResources() {}

  static Set<String> of(PipelineStep step, String defaultWarehouse) {
    Set<String> uses = new TreeSet<>();
    if (step instanceof PipelineStep.LoadWarehouse w) {
      String target = warehouse(w.target(), defaultWarehouse);
      uses.add(target.startsWith("duckdb:") ? target : target + "#" + w.table());
      uses.add("quarantine:" + w.table());
    } else if (step instanceof PipelineStep.SqlCheck c) {
      String target = warehouse(c.target(), defaultWarehouse);
      if (target.startsWith("duckdb:")) {
        uses.add(target);
      }
    } else if (step instanceof PipelineStep.LoadKv k) {
      uses.add("kv:" + k.table());
    }
    return uses;
  }

  /** The target as a name: a DuckDB file by its absolute path, so two spellings of it are one. */
  static String warehouse(String target, String defaultWarehouse) {
    String t = target != null && !target.isBlank() ? target.trim() : defaultWarehouse;
    if (t == null) {
      return "";
    }
    if (t.startsWith("duckdb:")) {
      try {
        return "duckdb:" + Path.of(t.substring("duckdb:".length())).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        return t; // the step itself reports the bad path
      }
    }
    return t;
  }
}
