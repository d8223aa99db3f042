package io.sluice.kv;

import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.ParserFuzz;
import java.util.List;

/**
 * Key-value JSON items ({@code sluice kv put --item}, {@link Json#toItem}) under seeded mutations
 * of valid ones: each becomes an item or is refused with a one-line user error.
 */
class JsonItemFuzzTest extends FuzzTestBase {

  private static final List<String> SAMPLES =
      List.of(
          "{\"Artist\": \"Acme\", \"SongTitle\": \"Hi\", \"Year\": 2024}",
          "{\"id\":\"a1\",\"n\":5.5e3,\"ok\":true,\"none\":null,\"tags\":[\"x\",\"日本\"],"
              + "\"m\":{\"deep\":{\"er\":[1,{\"e\":\"\\u00e9\\n\"}]}}}");

  private static final ParserFuzz ITEMS =
      ParserFuzz.wholeInputs("kv JSON items (Json.toItem)", SAMPLES, i -> Json.toItem(i.text()))
          .properties("an item parses or is refused in one line", 1733, 1734, 10);
}
