package io.sluice.runner;

import io.sluice.jobs.JobRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
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
   * tests import it statically so a call reads as the command line.
   */
  public static CliOutcome sluice(String... args) {
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliOutcome(code, out.toString(), err.toString());
  }

  /**
   * Runs {@code sluice ARGS} through the CLI's main logic ({@link SluiceCli#execute}: the users'
   * jars of {@code run} loaded first) with the given environment (SLUICE_JARS), capturing stdout
   * and stderr.
   */
  public static CliOutcome main(java.util.Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SluiceCli.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliOutcome(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + code + "\nout: " + out + "\nerr: " + err;
  }
}
