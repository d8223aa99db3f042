package io.sluice.jobs.etl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.jobs.BadInputException;
import java.util.List;

/**
 * Reads the lines of one input file, in order, against the schema; both engines use it, so they
 * accept and reject the same lines for the same reasons. For CSV the file's first line is its
 * header, which maps schema fields to columns; columns the schema does not name are ignored.
 */
final class EtlRecordParser {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final EtlSchema schema;
  private final EtlFormat format;
  private final String source;
  private int[] columnOf;
  private int headerColumns;

  EtlRecordParser(EtlSchema schema, EtlFormat format, String source) {
    this.schema = schema;
    this.format = format;
    this.source = source;
  }

  ParsedRecord parse(long lineNumber, String line) {
    if (format == EtlFormat.CSV && lineNumber == 1) {
      readHeader(line);
      return ParsedRecord.HEADER;
    }
    if (line.isBlank()) {
      return ParsedRecord.rejected(null, "empty line");
    }
    return format == EtlFormat.CSV ? csvRow(line) : jsonRow(line);
  }

  private void readHeader(String line) {
    List<String> names;
    try {
      names = CsvFields.split(stripBom(line)).stream().map(String::trim).toList();
    } catch (InvalidValueException e) {
      throw new BadInputException("CSV header of " + source + ": " + e.getMessage());
    }
    columnOf = new int[schema.fields().size()];
    for (int i = 0; i < columnOf.length; i++) {
      String name = schema.fields().get(i).name();
      columnOf[i] = names.indexOf(name);
      if (columnOf[i] < 0) {
        throw missingColumn(name, source, names);
      }
    }
    headerColumns = names.size();
  }

  static BadInputException missingColumn(String column, String file, List<String> header) {
    return new BadInputException(
        "column '"
            + column
            + "' named by the schema is missing from the CSV header of "
            + file
            + " (header: "
            + String.join(",", header)
            + ")");
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private ParsedRecord csvRow(String line) {
    List<String> cells;
    try {
      cells = CsvFields.split(line);
    } catch (InvalidValueException e) {
      return ParsedRecord.rejected(null, e.getMessage());
    }
    if (cells.size() != headerColumns) {
      return ParsedRecord.rejected(
          null, "has " + cells.size() + " columns, the header has " + headerColumns);
    }
    Object[] values = new Object[columnOf.length];
    for (int i = 0; i < values.length; i++) {
      EtlSchema.Field field = schema.fields().get(i);
      try {
        values[i] = field.type().fromText(cells.get(columnOf[i]));
      } catch (InvalidValueException e) {
        return ParsedRecord.rejected(field.name(), e.getMessage());
      }
      if (values[i] == null && schema.required(i)) {
        return ParsedRecord.rejected(field.name(), missingReason(field));
      }
    }
    return ParsedRecord.row(values);
  }

  private ParsedRecord jsonRow(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return ParsedRecord.rejected(
          null, "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (node == null || !node.isObject()) {
      return ParsedRecord.rejected(null, "not a JSON object");
    }
    Object[] values = new Object[schema.fields().size()];
    for (int i = 0; i < values.length; i++) {
      EtlSchema.Field field = schema.fields().get(i);
      try {
        values[i] = field.type().fromJson(node.get(field.name()));
      } catch (InvalidValueException e) {
        return ParsedRecord.rejected(field.name(), e.getMessage());
      }
      if (values[i] == null && schema.required(i)) {
        return ParsedRecord.rejected(field.name(), missingReason(field));
      }
    }
    return ParsedRecord.row(values);
  }

  private String missingReason(EtlSchema.Field field) {
    return schema.key().contains(field.name())
        ? "missing value for key field"
        : "missing value for a non-nullable field";
  }
}
