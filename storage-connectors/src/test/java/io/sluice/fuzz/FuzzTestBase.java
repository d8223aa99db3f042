package io.sluice.fuzz;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * What every parser's fuzz test shares: the class declares each parser under fuzz as a static
 * {@link ParserFuzz} field (as JUnit's own {@code @RegisterExtension} fields), and a single
 * {@code @TestFactory} runs their tests (each property, and that the samples parse); once the class
 * has run, each parser's counts are printed and its input files removed. So the test classes hold
 * only their samples and checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FuzzTestBase {

  @TestFactory
  protected Stream<DynamicTest> fuzz() throws IllegalAccessException {
    return parsers().stream().flatMap(p -> p.tests().stream());
  }

  @AfterAll
  void printCounts() throws IllegalAccessException {
    for (ParserFuzz parser : parsers()) {
      parser.counts().print();
      parser.close();
    }
  }

  /** The static ParserFuzz fields of the test class, in the order the JVM lists them. */
  private List<ParserFuzz> parsers() throws IllegalAccessException {
    List<ParserFuzz> parsers = new ArrayList<>();
    for (Field field : getClass().getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ParserFuzz.class) {
        field.setAccessible(true);
        parsers.add((ParserFuzz) field.get(null));
      }
    }
    if (parsers.isEmpty()) {
      throw new IllegalStateException(getClass().getName() + " declares no static ParserFuzz");
    }
    return parsers;
  }
}
