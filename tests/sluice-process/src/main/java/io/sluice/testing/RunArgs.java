package io.sluice.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line the CLI's tests and the ITs start most: {@code run JOB --engine ENGINE --input
 * INPUT --output OUTPUT}, then any further options ({@code --json}, {@code --overwrite}, {@code
 * --master ...}), for {@link SluiceProcess#cli} or the CLI in-process.
 */
public final class RunArgs {

  private RunArgs() {}

  /** {@code run JOB --engine ENGINE --input INPUT --output OUTPUT MORE...}. */
  public static String[] of(
      String job, String engine, Object input, Object output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                job,
                "--engine",
                engine,
                "--input",
                input.toString(),
                "--output",
                output.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
