package io.sluice.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.userjar.UserJobJar;
import io.sluice.runner.CliOutcome;
import io.sluice.runner.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jars:} in pipeline files: resolved against the file's folder, with variables; validated
 * with the jobs.
 */
class PipelineJarsTest {

  @TempDir Path dir;

  @Test
  void jarsAreResolvedAgainstTheFilesFolder() {
    PipelineDefinition p =
        PipelineDefinition.parse(
            """
        vars: {lib: /opt/lib}
        jars: [jobs/my.jar, "${lib}/dep.jar", /abs/x.jar]
        steps:
          - {name: a, kind: job, job: wordcount, options: {input: in, output: out}}
        """,
            "p.yaml",
            dir,
            Map.of());
    assertEquals(
        List.of(dir.resolve("jobs/my.jar"), Path.of("/opt/lib/dep.jar"), Path.of("/abs/x.jar")),
        p.jars());
    InvalidPipelineException bad =
        assertThrows(
            InvalidPipelineException.class,
            () ->
                PipelineDefinition.parse(
                    "jars: {a: b}\nsteps: [{name: a, kind: upload, from: x, to: y}]",
                    "p.yaml",
                    dir,
                    Map.of()));
    assertTrue(
        bad.getMessage().startsWith("p.yaml: 'jars' must be a list of jar paths"),
        bad.getMessage());
  }

  @Test
  void validateChecksAUserJobStepAgainstTheJarsOfTheFile() throws Exception {
    UserJobJar.letters("letters", "Letters").build(dir.resolve("lib/letter-jobs.jar"));
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        """
        jars: [lib/letter-jobs.jar]
        steps:
          - {name: count, kind: job, job: letters, engine: mapreduce, options: {input: in, output: out}}
        """);
    CliOutcome ok = CliOutcome.main(Map.of(), "pipeline", "validate", file.toString());
    assertEquals(0, ok.code, ok.toString());
    Files.writeString(file, Files.readString(file).replace("output: out", "outptu: out"));
    CliOutcome typo = CliOutcome.main(Map.of(), "pipeline", "validate", file.toString());
    assertEquals(ExitCode.BAD_INPUT, typo.code, typo.toString());
    assertTrue(typo.err.contains("step 'count'"), typo.err);
    Files.writeString(file, Files.readString(file).replace("lib/letter-jobs.jar", "lib/gone.jar"));
    CliOutcome missing = CliOutcome.main(Map.of(), "pipeline", "validate", file.toString());
    assertEquals(ExitCode.BAD_INPUT, missing.code, missing.toString());
    assertEquals("sluice: jar not found: " + dir.resolve("lib/gone.jar"), missing.err.strip());
  }
}
