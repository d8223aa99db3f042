package io.sluice.jobs.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtlSchemaTest {

  private static final Path SAMPLES = Path.of("..", "sample-data", "etl");

  @Test
  void jsonAndYamlSamplesDeclareTheSameSchema() throws Exception {
    EtlSchema json =
        EtlSchema.parse(Files.readString(SAMPLES.resolve("orders.schema.json")), false, "json");
    EtlSchema yaml =
        EtlSchema.parse(Files.readString(SAMPLES.resolve("orders.schema.yaml")), true, "yaml");
    assertEquals(json.fields(), yaml.fields());
    assertEquals(List.of("order_id"), yaml.key());
    assertEquals("order_date", yaml.partitionBy());
    assertEquals(new EtlSchema.Field("order_id", FieldType.LONG, false), yaml.fields().get(0));
    assertEquals(new EtlSchema.Field("country", FieldType.STRING, true), yaml.fields().get(2));
    EtlSchema roundTrip = EtlSchema.parse(json.toJson(), false, "conf");
    assertEquals(json.fields(), roundTrip.fields());
    assertEquals(json.key(), roundTrip.key());
    assertEquals(json.partitionBy(), roundTrip.partitionBy());
  }

  @Test
  void yamlBlockStyleAndDefaults() {
    EtlSchema s =
        EtlSchema.parse(
            """
        fields:
        - name: id   # a comment
          type: int
        - name: "label"
          type: string
          nullable: false
        key: id
        """,
            true,
            "s.yaml");
    assertEquals(
        List.of(
            new EtlSchema.Field("id", FieldType.INT, true),
            new EtlSchema.Field("label", FieldType.STRING, false)),
        s.fields());
    assertTrue(s.required(0), "key columns are never null");
    assertTrue(s.required(1));
    assertEquals(null, s.partitionBy());
  }

  @Test
  void mistakesAreOneLineNamingTheProblem() {
    assertBad(
        "{\"fields\": [{\"name\": \"a\", \"type\": \"decimal\"}]}",
        "schema f.json: field 'a' has type 'decimal'");
    assertBad(
        "{\"fields\": [{\"name\": \"a\", \"type\": \"int\"}], \"key\": [\"b\"]}",
        "key column 'b' is not a declared field");
    assertBad(
        "{\"fields\": [{\"name\": \"a\", \"type\": \"int\"}, {\"name\": \"t\", \"type\": \"timestamp\"}],"
            + " \"partitionBy\": \"t\"}",
        "partitionBy column 't' is a timestamp");
    assertBad(
        "{\"fields\": [{\"name\": \"a\", \"type\": \"int\"}], \"partitionby\": \"a\"}",
        "unknown entry 'partitionby'");
    assertBad("{\"fields\": [", "schema f.json is not valid JSON");
    assertBad("{\"fields\": [{\"name\": \"a b\", \"type\": \"int\"}]}", "field name 'a b'");
  }

  private static void assertBad(String json, String message) {
    BadInputException e =
        assertThrows(BadInputException.class, () -> EtlSchema.parse(json, false, "f.json"));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void yamlErrorsNameTheLine() {
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> EtlSchema.parse("fields:\n  - name: a\n     type: int\n", true, "s.yaml"));
    assertTrue(e.getMessage().startsWith("schema s.yaml line 3: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void yamlScalarsStayStringsAndDuplicateKeysFail() {
    BadInputException yes =
        assertThrows(
            BadInputException.class,
            () ->
                EtlSchema.parse(
                    "fields:\n  - {name: a, type: int, nullable: yes}\n", true, "s.yaml"));
    assertTrue(
        yes.getMessage().contains("nullable must be true or false, got 'yes'"), yes.getMessage());
    BadInputException twice =
        assertThrows(
            BadInputException.class,
            () ->
                EtlSchema.parse(
                    "fields:\n  - {name: a, type: int}\nkey: a\nkey: a\n", true, "s.yaml"));
    assertTrue(twice.getMessage().startsWith("schema s.yaml line 4: "), twice.getMessage());
    assertTrue(twice.getMessage().contains("duplicate key key"), twice.getMessage());
    EtlSchema numbers = EtlSchema.parse("fields:\n  - {name: 010, type: long}\n", true, "s.yaml");
    assertEquals("010", numbers.fields().get(0).name());
  }
}
