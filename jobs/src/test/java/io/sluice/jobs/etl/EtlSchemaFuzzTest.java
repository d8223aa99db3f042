package io.sluice.jobs.etl;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.FuzzProperty;
import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.Refusals;
import io.sluice.jobs.BadInputException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * ETL schema files, YAML and JSON, under seeded mutations of valid ones: each parses to a schema
 * with fields or is refused with a one-line user error.
 */
class EtlSchemaFuzzTest extends FuzzTestBase {

  private static final FuzzCounts YAML = new FuzzCounts("etl schema YAML (EtlSchema)");
  private static final FuzzCounts JSON = new FuzzCounts("etl schema JSON (EtlSchema)");

  private static final List<String> YAML_SAMPLES =
      List.of(
          "fields:\n"
              + "  - {name: order_id, type: long, nullable: false}\n"
              + "  - {name: order_date, type: date}\n"
              + "  - name: customer\n"
              + "    type: string\n"
              + "    nullable: true\n"
              + "key: [order_id]   # rows with the same key keep the last one read\n"
              + "partitionBy: order_date\n",
          "# orders, é\nfields: [{name: a, type: int}, {name: b-c, type: timestamp}]\nkey: a\n");

  private static final List<String> JSON_SAMPLES =
      List.of(
          "{\"fields\": [{\"name\": \"order_id\", \"type\": \"long\", \"nullable\": false},"
              + " {\"name\": \"order_date\", \"type\": \"date\"}],"
              + " \"key\": [\"order_id\"], \"partitionBy\": \"order_date\"}\n");

  @Override
  protected List<FuzzProperty> properties() {
    return List.of(
        FuzzProperty.of(
            "a YAML schema parses or is refused in one line",
            1704,
            Mutations.of(YAML_SAMPLES),
            file -> parse(file, true, YAML)),
        FuzzProperty.of(
                "a huge YAML schema parses or is refused in one line",
                1714,
                Mutations.withHugeField(YAML_SAMPLES),
                file -> parse(file, true, YAML))
            .withTries(3),
        FuzzProperty.of(
            "a JSON schema parses or is refused in one line",
            1705,
            Mutations.of(JSON_SAMPLES),
            file -> parse(file, false, JSON)));
  }

  @Test
  void theSamplesAreValid() {
    YAML_SAMPLES.forEach(s -> EtlSchema.parse(s, true, "schema.yaml"));
  }

  @Test
  void aBillionLaughsIsRefusedInOneLine() throws Exception {
    String bomb = Mutations.billionLaughs("") + "fields: *j\n";
    Refusals.refusedAs(BadInputException.class, () -> EtlSchema.parse(bomb, true, "bomb.yaml"));
  }

  @AfterAll
  static void printCounts() {
    YAML.print();
    JSON.print();
  }

  private static void parse(Mutant file, boolean yaml, FuzzCounts counts) throws Exception {
    Refusals.parsedOrRefused(counts, () -> EtlSchema.parse(file.text(), yaml, "schema.yaml"));
  }
}
