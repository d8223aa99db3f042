package io.sluice.kv;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.Refusals;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Key-value JSON items ({@code sluice kv put --item}, {@link Json#toItem}) under seeded mutations
 * of valid ones: each becomes an item or is refused with a one-line user error.
 */
class JsonItemFuzzTest {

  private static final FuzzCounts COUNTS = new FuzzCounts("kv JSON items (Json.toItem)");

  private static final List<String> SAMPLES =
      List.of(
          "{\"Artist\": \"Acme\", \"SongTitle\": \"Hi\", \"Year\": 2024}",
          "{\"id\":\"a1\",\"n\":5.5e3,\"ok\":true,\"none\":null,\"tags\":[\"x\",\"日本\"],"
              + "\"m\":{\"deep\":{\"er\":[1,{\"e\":\"\\u00e9\\n\"}]}}}");

  @Provide
  Arbitrary<Mutant> items() {
    return Mutations.of(SAMPLES);
  }

  @Provide
  Arbitrary<Mutant> hugeItems() {
    return Mutations.withHugeField(SAMPLES);
  }

  @Property(seed = "1733", shrinking = ShrinkingMode.OFF)
  void anItemParsesOrIsRefusedInOneLine(@ForAll("items") Mutant item) throws Exception {
    parse(item);
  }

  @Property(seed = "1734", tries = 10, shrinking = ShrinkingMode.OFF)
  void aHugeItemParsesOrIsRefusedInOneLine(@ForAll("hugeItems") Mutant item) throws Exception {
    parse(item);
  }

  @AfterContainer
  static void printCounts() {
    COUNTS.print();
  }

  private static void parse(Mutant item) throws Exception {
    Refusals.parsedOrRefused(COUNTS, () -> Json.toItem(item.text()));
  }
}
