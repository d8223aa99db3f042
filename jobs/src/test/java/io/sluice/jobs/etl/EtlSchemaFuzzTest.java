package io.sluice.jobs.etl;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.Refusals;
import io.sluice.jobs.BadInputException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * ETL schema files, YAML and JSON, under seeded mutations of valid ones: each parses to a schema
 * with fields or is refused with a one-line user error.
 */
class EtlSchemaFuzzTest {

  private static final FuzzCounts YAML = new FuzzCounts("etl schema YAML (EtlSchema)");
  private static final FuzzCounts JSON = new FuzzCounts("etl schema JSON (EtlSchema)");

  @Provide
  Arbitrary<Mutant> yamlSchemas() {
    return Mutations.of(YAML_SAMPLES);
  }

  @Provide
  Arbitrary<Mutant> hugeYamlSchemas() {
    return Mutations.withHugeField(YAML_SAMPLES);
  }

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

  @Provide
  Arbitrary<Mutant> jsonSchemas() {
    return Mutations.of(
        List.of(
            "{\"fields\": [{\"name\": \"order_id\", \"type\": \"long\", \"nullable\": false},"
                + " {\"name\": \"order_date\", \"type\": \"date\"}],"
                + " \"key\": [\"order_id\"], \"partitionBy\": \"order_date\"}\n"));
  }

  @Property(seed = "1704", shrinking = ShrinkingMode.OFF)
  void aYamlSchemaParsesOrIsRefusedInOneLine(@ForAll("yamlSchemas") Mutant file) throws Exception {
    parse(file, true, YAML);
  }

  @Property(seed = "1714", tries = 3, shrinking = ShrinkingMode.OFF)
  void aHugeYamlSchemaParsesOrIsRefusedInOneLine(@ForAll("hugeYamlSchemas") Mutant file)
      throws Exception {
    parse(file, true, YAML);
  }

  @Property(seed = "1705", shrinking = ShrinkingMode.OFF)
  void aJsonSchemaParsesOrIsRefusedInOneLine(@ForAll("jsonSchemas") Mutant file) throws Exception {
    parse(file, false, JSON);
  }

  @Example
  void theSamplesAreValid() {
    YAML_SAMPLES.forEach(s -> EtlSchema.parse(s, true, "schema.yaml"));
  }

  @Example
  void aBillionLaughsIsRefusedInOneLine() throws Exception {
    String bomb = Mutations.billionLaughs("") + "fields: *j\n";
    Refusals.refusedAs(BadInputException.class, () -> EtlSchema.parse(bomb, true, "bomb.yaml"));
  }

  @AfterContainer
  static void printCounts() {
    YAML.print();
    JSON.print();
  }

  private static void parse(Mutant file, boolean yaml, FuzzCounts counts) throws Exception {
    Refusals.parsedOrRefused(counts, () -> EtlSchema.parse(file.text(), yaml, "schema.yaml"));
  }
}
