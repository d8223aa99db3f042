package io.sluice.kv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * CSV files with a header row (RFC 4180: comma separated, fields quoted with {@code "} may hold
 * commas, doubled quotes and line breaks). Values become strings; empty fields are left out of the
 * item, as DynamoDB has no use for empty attributes. A record with more or fewer fields than the
 * header is a bad row naming its line. Every file of a directory must have the same header.
 */
final class CsvItemSource extends FileItemSource<BufferedReader> {

  private List<String> header;
  private long line;
  private long number;

  CsvItemSource(String location, FileSystem fs, List<FileStatus> files) throws IOException {
    super(location, fs, files);
    if (!nextFile()) {
      throw new BadInputException("input " + location + " is empty");
    }
  }

  private boolean nextFile() throws IOException {
    FileStatus file = advance();
    if (file == null) {
      return false;
    }
    reader = new BufferedReader(new InputStreamReader(fs.open(file.getPath()), StandardCharsets.UTF_8), 1 << 16);
    line = 0;
    List<String> fields = readRecord();
    if (fields == null) {
      throw new BadInputException(fileName + ": empty file, expected a header row");
    }
    if (!fields.isEmpty() && fields.get(0).startsWith("\uFEFF")) {
      fields.set(0, fields.get(0).substring(1)); // a byte-order mark is not part of the first name
    }
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.get(i).strip();
      if (name.isEmpty()) {
        throw new BadInputException(fileName + " line 1: column " + (i + 1) + " of the header has no name");
      }
      if (fields.subList(0, i).contains(name)) {
        throw new BadInputException(fileName + " line 1: column '" + name + "' appears twice in the header");
      }
      fields.set(i, name);
    }
    if (header == null) {
      header = List.copyOf(fields);
    } else if (!header.equals(fields)) {
      throw new BadInputException(fileName + " line 1: header " + fields + " differs from the first file's " + header);
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
      long startLine = line + 1;
      List<String> fields;
      try {
        fields = readRecord();
      } catch (UnterminatedQuoteException e) {
        number++;
        return SourceRow.bad(number, fileName + " line " + startLine, e.getMessage());
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
        return SourceRow.bad(number, where, fields.size() + " fields, the header has " + header.size());
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

  /** One record's fields, or null at end of file. Counts lines as it goes. */
  private List<String> readRecord() throws IOException {
    int c = reader.read();
    if (c < 0) {
      return null;
    }
    line++;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (c < 0) {
        if (quoted) {
          throw new UnterminatedQuoteException("a quoted field is not closed before the end of the file");
        }
        fields.add(field.toString());
        return fields;
      }
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          reader.mark(1);
          int peek = reader.read();
          if (peek == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (peek >= 0) {
              reader.reset();
            }
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r') {
          reader.mark(1);
          if (reader.read() != '\n') {
            reader.reset();
          }
        }
        fields.add(field.toString());
        return fields;
      } else if (ch == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else {
        field.append(ch);
      }
      c = reader.read();
    }
  }

  /** A quoted field runs to the end of the file: the rest of the file is one bad row. */
  private static final class UnterminatedQuoteException extends IOException {
    private static final long serialVersionUID = 1L;

    UnterminatedQuoteException(String message) {
      super(message);
    }
  }
}
