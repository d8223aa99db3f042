package io.sluice.runner.functions;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.functions.HandlerJar;
import io.sluice.runner.CliOutcome;
import io.sluice.runner.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice functions invoke} in-process: output, REPORT line, errors and exit codes. */
class InvokeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static String jar;
  static String greeting;

  @BeforeAll
  static void buildJar() throws Exception {
    jar = HandlerJar.build(dir.resolve("handlers.jar")).toString();
    greeting = Files.writeString(dir.resolve("ada.json"), "{\"name\": \"ada\"}").toString();
  }

  @Test
  void printsTheOutputAndLambdasReportLines() throws Exception {
    CliOutcome o = invoke(jar, HandlerJar.GREETER, "--event", greeting, "--memory", "512");
    assertEquals(ExitCode.OK, o.code, o.toString());
    assertEquals("hello, ada", JSON.readTree(o.out).get("greeting").asText());
    List<String> err = o.err.lines().toList();
    assertEquals(3, err.size(), o.err);
    assertTrue(err.get(0).matches("START RequestId: [0-9a-f-]{36} Version: \\$LATEST"), o.err);
    String id = err.get(0).split(" ")[2];
    assertEquals("END RequestId: " + id, err.get(1));
    assertTrue(
        err.get(2)
            .matches(
                "REPORT RequestId: "
                    + id
                    + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: 512 MB"
                    + "\tMax Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms"),
        err.get(2));
  }

  @Test
  void handlerErrorIsLambdasErrorObjectAndExitOne() throws Exception {
    CliOutcome o = invoke(jar, HandlerJar.FAILS, "--event", greeting);
    assertEquals(ExitCode.JOB_FAILED, o.code, o.toString());
    JsonNode error = JSON.readTree(o.out);
    assertEquals("no greeting for ada", error.get("errorMessage").asText());
    assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
    List<String> err = o.err.lines().toList();
    assertEquals(3, err.size(), o.err);
    assertTrue(err.get(0).startsWith("START RequestId: "), o.err);
    assertTrue(err.get(1).startsWith("END RequestId: "), o.err);
    assertEquals(
        "sluice functions invoke: handler "
            + HandlerJar.FAILS
            + " failed: java.lang.IllegalStateException: no greeting for ada",
        err.get(2));
  }

  @Test
  void timeoutIsAnErrorObjectToo() throws Exception {
    CliOutcome o = invoke(jar, HandlerJar.BLOCKS, "--timeout", "PT0.3S");
    assertEquals(ExitCode.JOB_FAILED, o.code, o.toString());
    JsonNode error = JSON.readTree(o.out);
    assertEquals("Task timed out after 0.30 seconds", error.get("errorMessage").asText());
    assertEquals("Sandbox.Timedout", error.get("errorType").asText());
  }

  @Test
  void badClassJarOrEventIsOneLineAndExitTwo() throws Exception {
    assertUserError(
        "handler class com.example.Missing not found in " + jar, jar, "com.example.Missing");
    Path missing = dir.resolve("missing.jar");
    assertUserError(
        "function jar " + missing + " does not exist or is not a file",
        missing.toString(),
        HandlerJar.GREETER);
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\n  \"name\": }");
    assertUserError(
        "event file "
            + bad
            + " is not JSON: line 2, column 11: Unexpected character ('}' (code 125))",
        jar,
        HandlerJar.GREETER,
        "--event",
        bad.toString());
    Path list = Files.writeString(dir.resolve("list.json"), "[1]");
    assertUserError(
        "the event does not deserialize into " + HandlerJar.GREETER + "$Request",
        jar,
        HandlerJar.GREETER,
        "--event",
        list.toString());
    assertUserError(
        "function memory 64 MB must be between 128 and 10240 MB",
        jar,
        HandlerJar.GREETER,
        "--memory",
        "64");
  }

  /** {@code sluice functions invoke --jar JAR --handler HANDLER MORE...}. */
  private static CliOutcome invoke(String jar, String handler, String... more) {
    List<String> line =
        new ArrayList<>(List.of("functions", "invoke", "--jar", jar, "--handler", handler));
    line.addAll(List.of(more));
    return sluice(line.toArray(String[]::new));
  }

  private static void assertUserError(String expected, String jar, String handler, String... more) {
    CliOutcome o = invoke(jar, handler, more);
    assertEquals(ExitCode.BAD_INPUT, o.code, o.toString());
    assertEquals("", o.out, o.toString());
    assertEquals(1, o.err.lines().count(), o.toString());
    assertTrue(o.err.startsWith("sluice functions invoke: " + expected), o.toString());
    assertFalse(o.err.contains("\tat "), o.toString());
  }
}
