package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.SluiceCli;
import io.sluice.testing.RequiredTool;
import io.sluice.testing.SluiceProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sluice completion zsh} loaded the way a zsh user's .zshrc does (compinit, then {@code
 * source <(sluice completion zsh)}) in a real zsh without any startup files: the completion
 * function is defined and registered for {@code sluice}. (bash is tested in cluster-runner/cli's
 * CompletionCommandTest; here for the harness's RequiredTool.)
 */
class ZshCompletionIT {

  private static final String INSTALL_HINT = "bin/setup.d/30-zsh.sh (as root)";

  /** $0 is the script file; prints how zsh sees the function and what completes sluice. */
  private static final String LOAD =
      "autoload -Uz compinit && compinit -u && source <(cat \"$0\")"
          + " && whence -w _complete_sluice && print -r -- \"sluice=${_comps[sluice]}\"";

  @TempDir Path dir;

  @Test
  void zshLoadsTheScriptAndDefinesTheCompletionFunction() throws Exception {
    Path zsh = RequiredTool.onPath("zsh", INSTALL_HINT);
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load());
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    assertEquals(0, cli.execute("completion", "zsh"));
    Path script = Files.writeString(dir.resolve("sluice.zsh"), out.toString());

    // HOME and ZDOTDIR here: compinit writes its .zcompdump there, not into the user's home.
    SluiceProcess.Result r =
        SluiceProcess.exec(zsh.toString(), "-f", "-c", LOAD, script.toString())
            .env("HOME", dir.toString())
            .env("ZDOTDIR", dir.toString())
            .workDir(dir)
            .timeoutSeconds(60)
            .run();
    assertEquals(0, r.exitCode(), r.all());
    List<String> lines = r.stdout().lines().toList();
    assertTrue(lines.contains("_complete_sluice: function"), r.all());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("sluice=") && l.length() > "sluice=".length()),
        r.all());
    assertEquals("", r.stderr(), "zsh complained while loading the script");
  }
}
