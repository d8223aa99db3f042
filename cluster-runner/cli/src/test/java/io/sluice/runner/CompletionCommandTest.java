package io.sluice.runner;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice completion}: the script, sourced in a real bash, completes what a user types. */
class CompletionCommandTest {

  /** Sources the script, then asks its completion function as bash's TAB would: COMP_WORDS. */
  private static final String COMPLETE =
      "source \"$0\" && COMP_WORDS=(\"$@\") && COMP_CWORD=$(( $# - 1 )) && COMP_LINE=\"$*\""
          + " && COMP_POINT=${#COMP_LINE}; _complete_sluice; printf '%s\\n' \"${COMPREPLY[@]}\"";

  @TempDir Path dir;

  @Test
  void bashCompletesNestedSubcommandsAndOptions() throws Exception {
    CliOutcome script = sluice("completion", "bash");
    assertEquals(0, script.code, script.toString());
    Path file = dir.resolve("sluice.bash");
    Files.writeString(file, script.out);

    assertTrue(complete(file, "sluice", "run", "wordc").contains("wordcount"));
    assertEquals(List.of("versioning"), complete(file, "sluice", "s3", "versi"));
    assertEquals(List.of("--engine"), complete(file, "sluice", "run", "wordcount", "--eng"));
    assertTrue(complete(file, "sluice", "s3", "cp", "--").contains("--version-id"));
  }

  @Test
  void zshGetsTheScriptThatLoadsBashcompinit() {
    CliOutcome zsh = sluice("completion", "zsh");
    assertEquals(0, zsh.code, zsh.toString());
    assertTrue(zsh.out.contains("bashcompinit"), zsh.out);
    assertTrue(zsh.out.contains("_complete_sluice"), zsh.out);
  }

  private static List<String> complete(Path script, String... words) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "-c", COMPLETE, script.toString()));
    command.addAll(List.of(words));
    SluiceProcess.Result r =
        SluiceProcess.exec(command.toArray(String[]::new)).timeoutSeconds(60).run();
    assertEquals(0, r.exitCode(), r.all());
    return r.stdout().lines().filter(l -> !l.isEmpty()).toList();
  }
}
