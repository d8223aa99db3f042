package io.sluice.runner;

import io.sluice.jobs.JobRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.ToIntBiFunction;
import picocli.CommandLine;

/** What one in-process run of the {@code sluice} command line returned and printed. */
public final class CliOutcome {

  public final int code;
  public final String out;
  public final String err;

  private CliOutcome(int code, String out, String err) {
    this.code = code;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs {@code sluice ARGS} in this JVM with the registered jobs, capturing stdout and stderr;
   * tests import it statically so a call reads as the command line. The command tree is the one
   * {@link SluiceCli#execute} builds for these arguments (only the subcommand named first, when one
   * is; NarrowedTreeTest holds it to the whole tree's output): a whole tree is ~60 ms of CPU, and
   * CommandLineErrorsTest alone makes ~280 calls.
   */
  public static CliOutcome sluice(String... args) {
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load(), SluiceCli.tree(args));
    return captured(
        (out, err) -> {
          cli.setOut(out);
          cli.setErr(err);
          return cli.execute(args);
        });
  }

  /**
   * Runs {@code sluice ARGS} through the CLI's main logic ({@link SluiceCli#execute}: the users'
   * jars of {@code run} loaded first) with the given environment (SLUICE_JARS), capturing stdout
   * and stderr.
   */
  public static CliOutcome main(java.util.Map<String, String> env, String... args) {
    return captured((out, err) -> SluiceCli.execute(args, env, out, err));
  }

  /** Runs {@code run} on auto-flushing writers of stdout and stderr, keeping what they got. */
  private static CliOutcome captured(ToIntBiFunction<PrintWriter, PrintWriter> run) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run.applyAsInt(new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliOutcome(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + code + "\nout: " + out + "\nerr: " + err;
  }
}
