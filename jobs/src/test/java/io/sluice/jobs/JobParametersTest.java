package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.wordcount.WordCountJob;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobParametersTest {

  private final Job wordcount = new WordCountJob();

  @Test
  void defaultsApplyAndTypesAreChecked() {
    JobParameters p = JobParameters.of(wordcount, Map.of("input", "in", "output", "hdfs://nn:8020/out"));
    assertEquals(1, p.intValue("reducers"));
    assertFalse(p.flag("overwrite"));
    assertEquals("hdfs://nn:8020/out", p.location("output").toString());

    BadInputException e = assertThrows(BadInputException.class,
        () -> JobParameters.of(wordcount, Map.of("input", "in", "output", "out", "reducers", "two")));
    assertEquals("--reducers expects int, got 'two'", e.getMessage());
  }

  @Test
  void missingAndUnknownParametersAreNamed() {
    BadInputException missing = assertThrows(BadInputException.class,
        () -> JobParameters.of(wordcount, Map.of("input", "in")));
    assertEquals("job 'wordcount' needs --output", missing.getMessage());
    BadInputException unknown = assertThrows(BadInputException.class,
        () -> JobParameters.of(wordcount, Map.of("input", "in", "output", "o", "colour", "red")));
    assertTrue(unknown.getMessage().startsWith("job 'wordcount' has no parameter --colour"), unknown.getMessage());
  }

  @Test
  void parsesSubmitStyleArguments() {
    JobParameters p = JobParameters.parseArgs(wordcount,
        new String[] {"--input", "a b", "--output=s3://bucket/out", "--overwrite", "--reducers", "3"});
    assertEquals("a b", p.string("input"));
    assertEquals("s3a://bucket/out", p.location("output").toString());
    assertTrue(p.flag("overwrite"));
    assertEquals(3, p.intValue("reducers"));
    assertThrows(BadInputException.class, () -> JobParameters.parseArgs(wordcount, new String[] {"stray"}));
    assertThrows(BadInputException.class, () -> JobParameters.parseArgs(wordcount, new String[] {"--input"}));
  }

  @Test
  void badLocationIsABadInput() {
    JobParameters p = JobParameters.of(wordcount, Map.of("input", "ftp://host/x", "output", "o"));
    BadInputException e = assertThrows(BadInputException.class, () -> p.location("input"));
    assertTrue(e.getMessage().startsWith("--input: invalid location 'ftp://host/x'"), e.getMessage());
  }
}
