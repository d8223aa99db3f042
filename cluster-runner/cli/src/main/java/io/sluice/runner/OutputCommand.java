package io.sluice.runner;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that writes through the command line's stdout and stderr writers (not System.out), so
 * that what it prints goes where the caller of the command line sent it, in tests too. Every
 * command has -h/--help and -V/--version; subclasses inherit that from here.
 */
@Command(mixinStandardHelpOptions = true)
public abstract class OutputCommand implements Callable<Integer> {

  @Spec protected CommandSpec spec;

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Whether the result is to be printed as JSON (the global {@code --json}). */
  protected boolean json() {
    return JsonOutput.requested(spec);
  }

  /** Prints one result as one line of JSON on stdout; see {@link JsonOutput}. */
  protected void print(Object result) {
    JsonOutput.print(out(), result);
  }
}
