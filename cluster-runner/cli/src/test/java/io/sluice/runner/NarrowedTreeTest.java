package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.JobRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line that names its subcommand first gets a tree of that subcommand alone (start-up
 * cost): for every command of the whole tree, its help, a usage error inside it and -V print the
 * same bytes and exit with the same code on either tree.
 */
class NarrowedTreeTest {

  private static final JobRegistry REGISTRY = JobRegistry.load();

  @Test
  void everyCommandPrintsTheSameOnItsSubcommandsTreeAsOnTheWholeOne() {
    List<String[]> lines = new ArrayList<>();
    for (CommandLine command : commands()) {
      String path = command.getCommandSpec().qualifiedName(" ").replaceFirst("^sluice ?", "");
      if (path.isEmpty()) {
        continue;
      }
      List<String> words = List.of(path.split(" "));
      // Only lines that stop at parsing: a command that ran would start services, write files...
      for (String last : List.of("--help", "--no-such-option", "-V")) {
        List<String> args = new ArrayList<>(words);
        args.add(last);
        lines.add(args.toArray(String[]::new));
      }
    }
    assertTrue(lines.size() > 100, "commands walked: " + lines.size());
    // One whole tree answers every line: picocli resets a command line's options before each
    // parse, and these lines stop at parsing. Building it is ~60 ms of CPU, and there are 400
    // lines; each narrowed tree, the one under test, is still built afresh per line.
    CommandLine whole = SluiceCli.commandLine(REGISTRY);
    for (String[] args : lines) {
      String label = String.join(" ", args);
      String narrowed = run(SluiceCli.commandLine(REGISTRY, SluiceCli.tree(args)), args);
      assertEquals(run(whole, args), narrowed, label);
    }
  }

  @Test
  void helpCompletionRootOptionsAndUnknownNamesGetTheWholeTree() {
    for (String[] args :
        List.of(
            new String[0],
            new String[] {"help", "jobs"},
            new String[] {"completion", "bash"},
            new String[] {"--json", "jobs"},
            new String[] {"job"})) {
      assertNull(SluiceCli.tree(args), String.join(" ", args));
    }
    assertEquals("jobs", SluiceCli.tree(new String[] {"jobs", "--json"}));
    assertEquals("run", SluiceCli.tree(new String[] {"run", "wordcount"}));
  }

  /** What {@code args} prints on stdout and stderr, and the exit code. */
  private static String run(CommandLine cli, String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return "exit " + code + "\nstdout:\n" + out + "stderr:\n" + err;
  }

  private static List<CommandLine> commands() {
    return CommandLineErrorsTest.everyCommand(SluiceCli.commandLine(REGISTRY));
  }
}
