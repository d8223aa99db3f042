package io.sluice.kv;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.FuzzProperty;
import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.Refusals;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Key-value JSON items ({@code sluice kv put --item}, {@link Json#toItem}) under seeded mutations
 * of valid ones: each becomes an item or is refused with a one-line user error.
 */
class JsonItemFuzzTest extends FuzzTestBase {

  private static final FuzzCounts COUNTS = new FuzzCounts("kv JSON items (Json.toItem)");

  private static final List<String> SAMPLES =
      List.of(
          "{\"Artist\": \"Acme\", \"SongTitle\": \"Hi\", \"Year\": 2024}",
          "{\"id\":\"a1\",\"n\":5.5e3,\"ok\":true,\"none\":null,\"tags\":[\"x\",\"日本\"],"
              + "\"m\":{\"deep\":{\"er\":[1,{\"e\":\"\\u00e9\\n\"}]}}}");

  @Override
  protected List<FuzzProperty> properties() {
    return List.of(
        FuzzProperty.of(
            "an item parses or is refused in one line",
            1733,
            Mutations.of(SAMPLES),
            JsonItemFuzzTest::parse),
        FuzzProperty.of(
                "a huge item parses or is refused in one line",
                1734,
                Mutations.withHugeField(SAMPLES),
                JsonItemFuzzTest::parse)
            .withTries(10));
  }

  @AfterAll
  static void printCounts() {
    COUNTS.print();
  }

  private static void parse(Mutant item) throws Exception {
    Refusals.parsedOrRefused(COUNTS, () -> Json.toItem(item.text()));
  }
}
