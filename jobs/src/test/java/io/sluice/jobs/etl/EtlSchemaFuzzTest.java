package io.sluice.jobs.etl;

import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.ParserFuzz;
import io.sluice.fuzz.Refusals;
import io.sluice.jobs.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ETL schema files, YAML and JSON, under seeded mutations of valid ones: each parses to a schema
 * with fields or is refused with a one-line user error.
 */
class EtlSchemaFuzzTest extends FuzzTestBase {

  private static final List<String> YAML_SAMPLES =
      List.of(
          """
          fields:
            - {name: order_id, type: long, nullable: false}
            - {name: order_date, type: date}
            - name: customer
              type: string
              nullable: true
          key: [order_id]   # rows with the same key keep the last one read
          partitionBy: order_date
          """,
          "# orders, é\nfields: [{name: a, type: int}, {name: b-c, type: timestamp}]\nkey: a\n");

  private static final List<String> JSON_SAMPLES =
      List.of(
          "{\"fields\": [{\"name\": \"order_id\", \"type\": \"long\", \"nullable\": false},"
              + " {\"name\": \"order_date\", \"type\": \"date\"}],"
              + " \"key\": [\"order_id\"], \"partitionBy\": \"order_date\"}\n");

  private static final ParserFuzz YAML =
      ParserFuzz.wholeInputs("etl schema YAML (EtlSchema)", YAML_SAMPLES, y -> parse(y, true))
          .properties("a YAML schema parses or is refused in one line", 1704, 1714, 3);

  private static final ParserFuzz JSON =
      ParserFuzz.wholeInputs("etl schema JSON (EtlSchema)", JSON_SAMPLES, j -> parse(j, false))
          .properties("a JSON schema parses or is refused in one line", 1705, 1715, 3);

  @Test
  void aBillionLaughsIsRefusedInOneLine() throws Exception {
    String bomb = Mutations.billionLaughs("") + "fields: *j\n";
    Refusals.refusedAs(BadInputException.class, () -> EtlSchema.parse(bomb, true, "bomb.yaml"));
  }

  private static EtlSchema parse(Mutant file, boolean yaml) {
    return EtlSchema.parse(file.text(), yaml, "schema.yaml");
  }
}
