package io.sluice.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The global {@code --json}: commands that print a result print it as one JSON object per line
 * (field names in camelCase, numbers as numbers) instead of text; progress stays on stderr. The one
 * place that decides whether JSON was asked for and writes it.
 */
public final class JsonOutput {

  /** The option, declared on the root command and inherited by every subcommand. */
  public static final String OPTION = "--json";

  private JsonOutput() {}

  /**
   * Built on the first JSON result, not with the class: {@link #requested} is asked by every
   * command, and a mapper's 370 classes cost a text-only command (`sluice jobs`) about 0.08 s.
   */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper();
  }

  /** Whether {@code --json} was given, before the subcommand's name or after it. */
  public static boolean requested(CommandSpec spec) {
    for (ParseResult level = spec.root().commandLine().getParseResult();
        level != null;
        level = level.subcommand()) {
      if (level.hasMatchedOption(OPTION)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A duration as the {@code seconds} field of every JSON result: seconds with millisecond
   * precision, the same for runs, loads, pipeline steps and reports.
   */
  public static double seconds(Duration elapsed) {
    return elapsed.toMillis() / 1000.0;
  }

  /** Prints one result (a record or map) as one line of JSON. */
  public static void print(PrintWriter out, Object result) {
    try {
      out.println(Mapper.INSTANCE.writeValueAsString(result));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + result.getClass() + " as JSON", e);
    }
    out.flush();
  }
}
