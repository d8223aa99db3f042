package io.sluice.warehouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;

/**
 * CSV files with a header row. Column types: the existing table's when loading into one, else
 * inferred from the first rows. Rows with the wrong number of fields or a value that does not fit
 * its column's type are written to the quarantine file, with their line and the reason.
 */
final class CsvCopyInput implements CopyInput {
  private final LoadRequest request;
  private final List<String> header;
  private final CsvColumnType[] types;

  CsvCopyInput(LoadRequest request, List<String[]> existingColumns) throws IOException {
    this.request = request;
    FileStatus first = request.input().files().get(0);
    List<List<String>> sample = new ArrayList<>();
    try (BufferedReader reader = open(first)) {
      CsvRecordReader csv = new CsvRecordReader(reader);
      CsvRecordReader.CsvRecord head = csv.read();
      if (head == null || head.error() != null) {
        throw new InvalidLoadRequestException(
            first.getPath() + ": no header row" + (head == null ? "" : " (" + head.error() + ")"));
      }
      header = head.fields().stream().map(String::trim).toList();
      CsvRecordReader.CsvRecord rec;
      while (existingColumns == null
          && sample.size() < CsvColumnType.inferSample()
          && (rec = csv.read()) != null) {
        if (rec.error() == null && rec.fields().size() == header.size()) {
          sample.add(rec.fields());
        }
      }
    }
    for (String h : header) {
      Identifiers.checkColumn(h);
    }
    if (header.stream().distinct().count() != header.size()) {
      throw new InvalidLoadRequestException(
          first.getPath() + ": the header row repeats a column name: " + header);
    }
    types = new CsvColumnType[header.size()];
    Map<String, String> existing = new HashMap<>();
    if (existingColumns != null) {
      existingColumns.forEach(col -> existing.put(col[0], col[1]));
    }
    for (int i = 0; i < types.length; i++) {
      if (existingColumns != null) {
        String type = existing.get(header.get(i));
        types[i] = type == null ? CsvColumnType.OTHER : CsvColumnType.ofSqlType(type);
      } else {
        int col = i;
        types[i] = CsvColumnType.infer(sample.stream().map(row -> row.get(col)).toList());
      }
    }
  }

  private BufferedReader open(FileStatus f) throws IOException {
    InputStream in = f.getPath().getFileSystem(request.input().conf()).open(f.getPath());
    if (f.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public List<String> columnNames() {
    return header;
  }

  @Override
  public List<String> columnDdl() {
    List<String> ddl = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      ddl.add(Identifiers.quote(header.get(i)) + " " + types[i].sql());
    }
    return ddl;
  }

  @Override
  public long stream(CopyStreams out, QuarantineFile quarantine) throws IOException, SQLException {
    long rows = 0;
    long bytes = 0;
    long interval = request.progressInterval();
    for (FileStatus f : request.input().files()) {
      String fileName = f.getPath().toString();
      try (BufferedReader reader = open(f)) {
        CsvRecordReader csv = new CsvRecordReader(reader);
        CsvRecordReader.CsvRecord head = csv.read();
        if (head == null || !head.fields().stream().map(String::trim).toList().equals(header)) {
          throw new InvalidLoadRequestException(
              fileName
                  + ": header "
                  + (head == null ? "missing" : head.fields())
                  + " differs from "
                  + header
                  + " in "
                  + request.input().files().get(0).getPath().getName());
        }
        CsvRecordReader.CsvRecord rec;
        while ((rec = csv.read()) != null) {
          if (rec.raw().isEmpty() && rec.fields().size() == 1) {
            continue; // blank line
          }
          rows++;
          bytes += rec.raw().length() + 1;
          String problem = rec.error() != null ? rec.error() : check(rec.fields());
          if (problem != null) {
            quarantine.reject(fileName, rec.line(), problem, rec.raw());
          } else {
            append(rec.fields(), out.buffer);
            out.maybeFlush();
          }
          if (rows % interval == 0) {
            request.progress().update(rows, bytes);
          }
        }
      }
    }
    request.progress().update(rows, bytes);
    return rows;
  }

  private String check(List<String> fields) {
    if (fields.size() != header.size()) {
      return "has " + fields.size() + " fields, the header has " + header.size();
    }
    for (int i = 0; i < fields.size(); i++) {
      String v = fields.get(i);
      if (!v.isEmpty()) {
        String problem = types[i].check(v);
        if (problem != null) {
          return "column '" + header.get(i) + "': " + problem;
        }
      }
    }
    return null;
  }

  private void append(List<String> fields, CopyBuffer out) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.put('\t');
      }
      String v = fields.get(i);
      if (v.isEmpty()) {
        out.putAscii(CopyText.NULL);
      } else {
        out.putEscaped(
            types[i] == CsvColumnType.TEXT || types[i] == CsvColumnType.OTHER ? v : v.trim());
      }
    }
    out.put('\n');
  }
}
