package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The step of a load cell: {@code sluice load}, its quarantine file beside the input. */
final class LoadStep {

  private LoadStep() {}

  /**
   * {@code sluice load KIND --input INPUT --table TABLE OPTIONS... --quarantine FILE} with {@code
   * env}, FILE named {@code quarantine} in the input's folder.
   */
  static SluiceProcess.Builder command(
      String kind,
      Path input,
      String table,
      String quarantine,
      Map<String, String> env,
      String... options) {
    List<String> args =
        new ArrayList<>(List.of("load", kind, "--input", input.toString(), "--table", table));
    args.addAll(List.of(options));
    args.addAll(List.of("--quarantine", input.resolveSibling(quarantine).toString()));
    return SluiceProcess.cli(args.toArray(String[]::new)).env(env);
  }
}
