package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.jobs.JobRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help, rendered as {@code --help} prints it. Picocli interpolates {@code ${NAME}}
 * in descriptions (a system property or environment variable, else "null"), so a pipeline variable
 * named in a description must be written {@code $${NAME}}.
 */
class HelpTextTest {

  private static final Pattern UNRESOLVED = Pattern.compile("\\bnull\\b");

  @Test
  void noHelpTextShowsAnUnresolvedVariable() {
    List<String> broken = new ArrayList<>();
    visit(SluiceCli.commandLine(JobRegistry.load()), broken);
    assertEquals(List.of(), broken);
  }

  private static void visit(CommandLine line, List<String> broken) {
    String usage = line.getUsageMessage(CommandLine.Help.Ansi.OFF);
    usage
        .lines()
        .filter(l -> UNRESOLVED.matcher(l).find())
        .forEach(l -> broken.add(line.getCommandSpec().qualifiedName() + ": " + l.strip()));
    line.getSubcommands().values().stream().distinct().forEach(sub -> visit(sub, broken));
  }
}
