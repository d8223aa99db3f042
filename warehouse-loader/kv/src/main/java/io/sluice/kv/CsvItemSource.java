package io.sluice.kv;

import io.sluice.errors.InvalidInputException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * CSV files with a header row (RFC 4180: comma separated, fields quoted with {@code "} may hold
 * commas, doubled quotes and line breaks). Values become strings; empty fields are left out of the
 * item, as DynamoDB has no use for empty attributes. A record with more or fewer fields than the
 * header is a bad row naming its line. Every file of a directory must have the same header.
 */
final class CsvItemSource extends FileItemSource<CSVParser> {

  /** RFC 4180, read by Apache Commons CSV; text right after a closing quote joins the field. */
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setTrailingData(true).get();

  private List<String> header;
  private Iterator<CSVRecord> records;
  private long number;

  CsvItemSource(String location, FileSystem fs, List<FileStatus> files) throws IOException {
    super(location, fs, files);
    if (!nextFile()) {
      throw new InvalidInputException("input " + location + " is empty");
    }
  }

  private boolean nextFile() throws IOException {
    FileStatus file = advance();
    if (file == null) {
      return false;
    }
    reader =
        CSVParser.builder()
            .setFormat(FORMAT)
            .setReader(new InputStreamReader(fs.open(file.getPath()), StandardCharsets.UTF_8))
            .get();
    records = reader.iterator();
    List<String> fields;
    try {
      fields = readRecord();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (fields == null) {
      throw new InvalidInputException(fileName + ": empty file, expected a header row");
    }
    if (!fields.isEmpty() && fields.get(0).startsWith("\uFEFF")) {
      fields.set(0, fields.get(0).substring(1)); // a byte-order mark is not part of the first name
    }
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.get(i).strip();
      if (name.isEmpty()) {
        throw new InvalidInputException(
            fileName + " line 1: column " + (i + 1) + " of the header has no name");
      }
      if (fields.subList(0, i).contains(name)) {
        throw new InvalidInputException(
            fileName + " line 1: column '" + name + "' appears twice in the header");
      }
      fields.set(i, name);
    }
    if (header == null) {
      header = List.copyOf(fields);
    } else if (!header.equals(fields)) {
      throw new InvalidInputException(
          fileName + " line 1: header " + fields + " differs from the first file's " + header);
    }
    return true;
  }

  @Override
  public List<String> columns() {
    return header;
  }

  @Override
  public KeyType keyType(String column) {
    return KeyType.S;
  }

  @Override
  public SourceRow next() throws IOException {
    while (true) {
      long startLine = reader.getCurrentLineNumber() + 1;
      List<String> fields;
      try {
        fields = readRecord();
      } catch (UncheckedIOException e) {
        // A quoted field runs to the end of the file: the rest of the file is one bad row.
        records = Collections.emptyIterator();
        number++;
        return SourceRow.bad(
            number,
            fileName + " line " + startLine,
            "a quoted field is not closed before the end of the file");
      }
      if (fields == null) {
        if (!nextFile()) {
          return null;
        }
        continue;
      }
      if (fields.size() == 1 && fields.get(0).isEmpty()) {
        continue; // a blank line is no record
      }
      number++;
      String where = fileName + " line " + startLine;
      if (fields.size() != header.size()) {
        return SourceRow.bad(
            number, where, fields.size() + " fields, the header has " + header.size());
      }
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        String value = fields.get(i);
        if (!value.isEmpty()) {
          item.put(header.get(i), AttributeValue.fromS(value));
        }
      }
      return SourceRow.ok(number, where, item);
    }
  }

  /** One record's fields, or null at end of file. */
  private List<String> readRecord() {
    return records.hasNext() ? new ArrayList<>(records.next().toList()) : null;
  }
}
