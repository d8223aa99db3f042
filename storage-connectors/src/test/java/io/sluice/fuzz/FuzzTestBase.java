package io.sluice.fuzz;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What every parser's fuzz test shares: its {@link #properties()} run as one test each by a single
 * {@code @TestFactory}, so the test classes hold only their samples and checks.
 */
public abstract class FuzzTestBase {

  /** The class's properties, in the order they run. */
  protected abstract List<FuzzProperty> properties();

  @TestFactory
  protected Stream<DynamicTest> fuzz() {
    return properties().stream().map(FuzzProperty::test);
  }
}
