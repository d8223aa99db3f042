package io.sluice.runner;

import io.sluice.jobs.UnknownJobException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place a failure of any {@code sluice} command or group becomes an exit code and one line
 * on stderr, installed once on the root command line. Usage errors (a group without a subcommand,
 * an unknown option, a value picocli cannot convert) exit 2 with picocli's message and a pointer to
 * the help; anything a command throws exits as {@link ExitCode#of} decides, as {@link
 * ExitCode#oneLine}, never with a stack trace.
 */
public final class CliErrorHandler
    implements IParameterExceptionHandler, IExecutionExceptionHandler {

  /** How commands that do not report under their own name label their lines. */
  static final String PROGRAM = "sluice";

  private CliErrorHandler() {}

  /** Installs the handler on {@code root}, where picocli looks for it for every subcommand. */
  public static CommandLine installOn(CommandLine root) {
    CliErrorHandler handler = new CliErrorHandler();
    root.setParameterExceptionHandler(handler);
    root.setExecutionExceptionHandler(handler);
    return root;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    PrintWriter err = line.getErr();
    if (SluiceCli.RUN.equals(line.getCommandName())
        && line.getParent() != null
        && line.getParent().getParent() == null
        && e instanceof UnmatchedArgumentException u
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      // `sluice run NAME` with no such job: say which jobs there are.
      List<String> names = line.getSubcommands().keySet().stream().sorted().toList();
      err.println(
          PROGRAM + ": " + new UnknownJobException(u.getUnmatched().get(0), names).getMessage());
    } else {
      String name = qualifiedName(line);
      err.println(name + ": " + firstLine(e.getMessage()) + " (see `" + name + " --help`)");
    }
    err.flush();
    return ExitCode.BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine line, ParseResult parsed) {
    return line.getCommand() instanceof ReportsUnderItsName
        ? report(e, qualifiedName(line), false, line.getErr())
        : report(e, PROGRAM, true, line.getErr());
  }

  /**
   * Prints {@code failure} as one line labelled {@code label}; a failure that is not the user's is
   * called a failed job when {@code sayJobFailed}. Returns the exit code.
   */
  static int report(Throwable failure, String label, boolean sayJobFailed, PrintWriter err) {
    int code = ExitCode.of(failure);
    String what = code == ExitCode.JOB_FAILED && sayJobFailed ? "job failed: " : "";
    err.println(label + ": " + what + ExitCode.oneLine(failure));
    err.flush();
    return code;
  }

  private static String qualifiedName(CommandLine line) {
    return line.getCommandSpec().qualifiedName(" ");
  }

  private static String firstLine(String message) {
    String text = message == null ? "bad usage" : message;
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
