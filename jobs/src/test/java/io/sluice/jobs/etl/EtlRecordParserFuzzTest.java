package io.sluice.jobs.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.ParserFuzz;
import io.sluice.fuzz.Refusals;
import io.sluice.jobs.BadInputException;
import io.sluice.jobs.HadoopLines;
import io.sluice.jobs.RejectedRecord;
import java.util.List;

/**
 * The etl job's CSV and JSON Lines records under seeded mutations of valid files: every line is
 * accepted with a value per field or quarantined with a reason, and a CSV header that cannot be
 * read refuses the file with a one-line user error. Lines come from Hadoop's reader, as on both
 * engines.
 */
class EtlRecordParserFuzzTest extends FuzzTestBase {

  private static final EtlSchema SCHEMA =
      EtlSchema.parse(
          "fields:\n"
              + "  - {name: id, type: long, nullable: false}\n"
              + "  - {name: name, type: string}\n"
              + "  - {name: price, type: double}\n"
              + "  - {name: qty, type: int}\n"
              + "  - {name: active, type: boolean}\n"
              + "  - {name: day, type: date}\n"
              + "  - {name: at, type: timestamp}\n"
              + "key: [id]\n",
          true,
          "fuzz.yaml");

  private static final List<String> CSV_SAMPLES =
      List.of(
          "id,name,price,qty,active,day,at\n"
              + "1,Ann,9.5,3,true,2024-03-01,2024-03-01T10:15:30Z\n"
              + "2,\"Bé, \"\"quoted\"\"\",-0.25,0,no,2024-02-29,2024-03-01 10:15:30\n"
              + "3,,,,,,\n",
          "\uFEFFat,day,active,qty,price,name,id,extra\r\n"
              + "2024-03-01T10:15:30+01:00,1999-12-31,1,-7,1e3,日本,42,x\r\n"
              + " 2024-01-01T00:00:00.123456Z , 2024-01-01 , yes , 2147483647 , .5 , \"a\" ,"
              + " 9223372036854775807 , \"\"\r\n");

  private static final List<String> JSONL_SAMPLES =
      List.of(
          "{\"id\":1,\"name\":\"Ann\",\"price\":9.5,\"qty\":3,\"active\":true,"
              + "\"day\":\"2024-03-01\",\"at\":\"2024-03-01T10:15:30Z\"}\n"
              + "{\"id\":\"2\",\"name\":\"B\\u00e9 \\\"q\\\"\",\"price\":\"-0.25\",\"qty\":null}\n"
              + "{\"id\":3,\"extra\":{\"nested\":[1,2,{\"x\":null}]},\"active\":\"yes\"}\n",
          "{\"id\": 9223372036854775807, \"name\": \"日本\", \"price\": 1e300, \"qty\": -1,"
              + " \"day\": \"1999-12-31\", \"at\": \"2024-01-01 00:00:00.5\"}\r\n");

  private static final ParserFuzz CSV =
      ParserFuzz.of("etl csv (EtlRecordParser)", CSV_SAMPLES, (f, n) -> read(f, EtlFormat.CSV, n))
          .properties("every CSV line is accepted or quarantined", 1701, 1711, 10);

  private static final ParserFuzz JSONL =
      ParserFuzz.of(
              "etl jsonl (EtlRecordParser)", JSONL_SAMPLES, (f, n) -> read(f, EtlFormat.JSONL, n))
          .properties("every JSON line is accepted or quarantined", 1702, 1712, 10);

  private static void read(Mutant file, EtlFormat format, FuzzCounts counts) {
    List<String> lines = HadoopLines.of(file.bytes());
    EtlRecordParser parser = new EtlRecordParser(SCHEMA, format, "fuzz." + format);
    long read = 0;
    long accepted = 0;
    long rejected = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      ParsedRecord r;
      try {
        r = parser.parse(i + 1, line);
      } catch (BadInputException e) {
        assertTrue(format == EtlFormat.CSV && i == 0, "only a CSV header refuses a file: " + e);
        Refusals.check(e);
        counts.refused();
        return;
      }
      if (r.kind() == ParsedRecord.Kind.HEADER) {
        assertTrue(format == EtlFormat.CSV && i == 0, "a header is the first CSV line only");
        continue;
      }
      read++;
      if (r.kind() == ParsedRecord.Kind.ROW) {
        assertEquals(SCHEMA.fields().size(), r.values().length);
        assertNotNull(r.values()[0], "the key is never null");
        accepted++;
      } else {
        assertNotNull(r.reason(), "a quarantined line has a reason");
        assertFalse(r.reason().isBlank(), "a quarantined line has a reason");
        String json = new RejectedRecord("fuzz", i + 1, r.field(), r.reason(), line).toJson();
        assertFalse(json.contains("\n"), "a quarantine entry is one line");
        rejected++;
      }
    }
    assertEquals(read, accepted + rejected);
    counts.accepted(accepted);
    counts.quarantined(rejected);
  }
}
