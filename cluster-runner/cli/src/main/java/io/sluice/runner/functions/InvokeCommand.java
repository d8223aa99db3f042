package io.sluice.runner.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.errors.InvalidInputException;
import io.sluice.functions.FunctionFailedException;
import io.sluice.functions.FunctionInvocation;
import io.sluice.functions.FunctionJars;
import io.sluice.functions.FunctionSettings;
import io.sluice.functions.InvocationReport;
import io.sluice.functions.LambdaFunction;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.ReportsUnderItsName;
import io.sluice.runner.s3.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code sluice functions invoke --jar J --handler CLASS --event FILE.json}: one invocation, as
 * {@code sam local invoke} makes it. The handler's output goes to stdout; START, END and REPORT
 * lines (and the handler's log lines) to stderr. A bad jar, class or event is the user's (exit 2);
 * a handler that throws or times out prints Lambda's error object ({@code errorMessage}, {@code
 * errorType}) on stdout and exits 1.
 */
@Command(
    name = "invoke",
    description = {
      "Invoke a Lambda handler once with a JSON event, as `sam local invoke` does: the output on",
      "stdout, Lambda's START/END/REPORT lines on stderr."
    })
public final class InvokeCommand extends OutputCommand implements ReportsUnderItsName {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--jar",
      required = true,
      paramLabel = "JAR",
      description = "A jar of the function (repeat for more); the handler and its libraries")
  List<Path> jars;

  @Option(
      names = "--handler",
      required = true,
      paramLabel = "CLASS",
      description =
          "The handler class, e.g. com.example.Hello (or com.example.Hello::handleRequest)")
  String handler;

  @Option(
      names = "--event",
      paramLabel = "FILE",
      description = "The event, a JSON file (default: the empty object {})")
  Path event;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = Units.DurationConverter.class,
      description = "How long the handler may run, e.g. 3s, 15m (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(
      names = "--memory",
      paramLabel = "MB",
      defaultValue = "" + FunctionSettings.DEFAULT_MEMORY_MB,
      description = "The memory size the Context reports, 128 to 10240 (default: ${DEFAULT-VALUE})")
  int memoryMb;

  @Option(
      names = "--function-name",
      paramLabel = "NAME",
      description = "The function name the Context reports (default: the handler's simple name)")
  String functionName;

  @Override
  public Integer call() {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new ParameterException(spec.commandLine(), "--timeout must be positive");
    }
    byte[] eventJson = readEvent();
    FunctionSettings defaults = FunctionSettings.defaultsFor(handler.split("::")[0]);
    FunctionSettings settings =
        new FunctionSettings(
            functionName != null ? functionName : defaults.functionName(), memoryMb);
    try (FunctionJars functionJars = FunctionJars.open(jars)) {
      LambdaFunction function = functionJars.function(handler, settings);
      FunctionInvocation<byte[]> invocation;
      try {
        invocation =
            function.invokeReported(
                eventJson,
                timeout,
                requestId -> {
                  err().println(InvocationReport.startLine(requestId));
                  err().flush();
                });
      } catch (FunctionFailedException failed) {
        out().println(errorObject(failed));
        out().flush();
        err().println(InvocationReport.endLine(failed.requestId()));
        err().flush();
        throw failed;
      }
      out().println(new String(invocation.output(), StandardCharsets.UTF_8));
      out().flush();
      err().println(InvocationReport.endLine(invocation.requestId()));
      err().println(InvocationReport.of(invocation, settings).line());
      err().flush();
      return ExitCode.OK;
    }
  }

  private byte[] readEvent() {
    if (event == null) {
      return "{}".getBytes(StandardCharsets.UTF_8);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(event);
    } catch (IOException e) {
      throw new InvalidInputException("event file " + event + " cannot be read: " + e, e);
    }
    try {
      JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "event file "
              + event
              + " is not JSON: line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new InvalidInputException("event file " + event + " cannot be read: " + e, e);
    }
    return bytes;
  }

  /** What Lambda returns for a function error: {"errorMessage": ..., "errorType": ...}. */
  private static String errorObject(FunctionFailedException failed) {
    ObjectNode error = JSON.createObjectNode();
    error.put("errorMessage", failed.errorMessage());
    error.put("errorType", failed.errorType());
    return error.toString();
  }
}
