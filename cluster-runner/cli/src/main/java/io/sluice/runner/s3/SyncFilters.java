package io.sluice.runner.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import java.util.regex.Pattern;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --exclude}/{@code --include} filters of {@code sluice s3 sync}, as {@code aws s3 sync}
 * applies them: every path is included until a filter matches it; filters apply in the order given
 * and the last that matches wins. Patterns match the whole path relative to the source or
 * destination prefix, with fnmatch wildcards ({@code *} also crosses {@code /}, as in aws-cli).
 */
final class SyncFilters {

  private record Filter(boolean include, Pattern pattern) {}

  private final List<Filter> filters = new ArrayList<>();

  void add(boolean include, String glob) {
    filters.add(new Filter(include, fnmatch(glob)));
  }

  /** Whether a relative path ({@code a/b.txt}) takes part in the sync. */
  boolean includes(String relativePath) {
    boolean included = true;
    for (Filter f : filters) {
      if (f.pattern().matcher(relativePath).matches()) {
        included = f.include();
      }
    }
    return included;
  }

  /** Python's fnmatch, which aws-cli uses: *, ?, [seq] and [!seq]. */
  static Pattern fnmatch(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (close > 0) {
        String set = glob.substring(i + 1, close);
        boolean negated = set.startsWith("!");
        regex
            .append('[')
            .append(negated ? "^" : "")
            .append(set.substring(negated ? 1 : 0).replace("\\", "\\\\").replace("[", "\\["))
            .append(']');
        i = close;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /**
   * Records each {@code --exclude}/{@code --include} as it is parsed, so that their relative order
   * (which decides the outcome) survives; two list fields would lose it.
   */
  static final class OptionConsumer implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec command) {
      String name = ((OptionSpec) argSpec).longestName();
      if (args.isEmpty()) {
        throw new ParameterException(
            command.commandLine(), "Missing required parameter for option '" + name + "' (GLOB)");
      }
      ((SyncCommand) command.userObject()).filters.add(name.equals("--include"), args.pop());
    }
  }
}
