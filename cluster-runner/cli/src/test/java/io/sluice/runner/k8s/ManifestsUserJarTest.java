package io.sluice.runner.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.userjar.UserJobJar;
import io.sluice.runner.CliOutcome;
import io.sluice.runner.ExitCode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice k8s manifests --jar}: a user's job is checked against its jar and run from the jar
 * in the image.
 */
class ManifestsUserJarTest {

  @TempDir static Path dir;

  private static Path jar;

  @BeforeAll
  static void jar() {
    jar = UserJobJar.letters("letters", "Letters").build(dir.resolve("letter-jobs.jar"));
  }

  @Test
  void userJobManifestsReferenceItsJarInTheImage() {
    CliOutcome o =
        lettersManifests(
            "--image", "reg/sluice-jobs:1", "--input", "/data/in", "--output", "/data/out");
    assertEquals(0, o.code, o.toString());
    assertTrue(
        o.out.contains("mainApplicationFile: \"local:///opt/sluice/app/user/letter-jobs.jar\"")
            || o.out.contains("mainApplicationFile: local:///opt/sluice/app/user/letter-jobs.jar"),
        o.out);
    assertTrue(
        o.out.contains("local:///opt/sluice/app/sluice-jobs.jar"),
        "Sluice's jobs jar goes along:\n" + o.out);
    assertTrue(
        o.out.replace("\"", "").contains("- run\n")
            && o.out
                .replace("\"", "")
                .contains(
                    "- --jar\n        - /opt/sluice/app/user/letter-jobs.jar\n        - letters\n"),
        o.out);
  }

  @Test
  void userJobOptionsAreCheckedAndTheJobNeedsItsJar() {
    CliOutcome typo = lettersManifests("--image", "i:1", "--inptu", "/d", "--output", "/o");
    assertEquals(ExitCode.BAD_INPUT, typo.code, typo.toString());
    assertTrue(typo.err.contains("job letters has no option --inptu"), typo.err);
    CliOutcome withoutJar =
        CliOutcome.main(Map.of(), "k8s", "manifests", "letters", "--image", "i:1");
    assertEquals(ExitCode.BAD_INPUT, withoutJar.code, withoutJar.toString());
    assertTrue(withoutJar.err.startsWith("sluice: unknown job 'letters'"), withoutJar.err);
  }

  @Test
  void builtInJobsWithUserJarsShipThemAsDependencies() {
    CliOutcome o =
        CliOutcome.main(
            Map.of("SLUICE_JARS", jar.toString()),
            "k8s",
            "manifests",
            "wordcount",
            "--image",
            "reg/sluice-jobs:1",
            "--input",
            "/data/in",
            "--output",
            "/data/out");
    assertEquals(0, o.code, o.toString());
    String yaml = o.out.replace("\"", "");
    assertTrue(yaml.contains("mainApplicationFile: local:///opt/sluice/app/sluice-jobs.jar"), yaml);
    assertTrue(
        yaml.contains("deps:\n    jars:\n    - local:///opt/sluice/app/user/letter-jobs.jar"),
        yaml);
  }

  /** {@code sluice k8s manifests --jar <the letters jar> letters} with these options. */
  private static CliOutcome lettersManifests(String... options) {
    String[] command = {"k8s", "manifests", "--jar", jar.toString(), "letters"};
    return CliOutcome.main(
        Map.of(),
        Stream.concat(Arrays.stream(command), Arrays.stream(options)).toArray(String[]::new));
  }
}
