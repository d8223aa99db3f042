package io.sluice.warehouse;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads RFC 4180 CSV with Apache Commons CSV: comma-separated, fields optionally double-quoted,
 * {@code ""} for a quote inside quotes, quoted fields may span lines; LF or CRLF line ends. Each
 * record keeps the line it started on and its raw text, for the quarantine file.
 */
final class CsvRecordReader {

  /** RFC 4180; text right after a closing quote joins the field ({@code "ab"c} is {@code abc}). */
  static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setTrailingData(true).get();

  /**
   * One record: the 1-based line it starts on, its fields, and what was wrong with it (or null).
   */
  record CsvRecord(long line, List<String> fields, String raw, String error) {}

  private final RecordingReader in;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;

  /** The record after the one being returned: its end is where the next one starts. */
  private CSVRecord ahead;

  private long aheadLine;
  private boolean aheadUnterminated;
  private boolean started;

  CsvRecordReader(Reader reader) throws IOException {
    this.in = new RecordingReader(reader);
    this.parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get();
    this.records = parser.iterator();
  }

  /** The next record, or null at the end of the input. */
  CsvRecord read() throws IOException {
    if (!started) {
      started = true;
      fetch();
    }
    if (aheadUnterminated) {
      // The quote runs to the end of the input: the rest of it is one bad record.
      aheadUnterminated = false;
      String rest = in.textFrom(in.recordStart);
      return new CsvRecord(aheadLine, List.of(rest), rest, "unterminated quoted field");
    }
    if (ahead == null) {
      return null;
    }
    CSVRecord current = ahead;
    long line = aheadLine;
    long start = current.getCharacterPosition();
    fetch();
    String raw;
    if (ahead != null) {
      raw = withoutLineEnd(in.text(start, ahead.getCharacterPosition()));
    } else if (aheadUnterminated) {
      // The bad record starts after this one's last line end; this one spans (lines read - 1) more.
      long end = in.endOfLines(start, aheadLine - line);
      in.recordStart = end;
      raw = withoutLineEnd(in.text(start, end));
    } else {
      raw = withoutLineEnd(in.textFrom(start));
    }
    in.forget(start);
    return new CsvRecord(line, current.toList(), raw, null);
  }

  private void fetch() {
    aheadLine = parser.getCurrentLineNumber() + 1;
    try {
      ahead = records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      ahead = null;
      aheadUnterminated = true;
    }
  }

  private static String withoutLineEnd(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") || text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  /** Keeps what the parser read since the record being returned began, to give its raw text. */
  private static final class RecordingReader extends FilterReader {
    private final StringBuilder seen = new StringBuilder();

    /** Character offset of {@code seen}'s first character. */
    private long base;

    /** Where an unterminated record starts, once known. */
    long recordStart;

    RecordingReader(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        seen.append((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        seen.append(buffer, offset, n);
      }
      return n;
    }

    String text(long from, long to) {
      return seen.substring((int) (from - base), (int) (to - base));
    }

    String textFrom(long from) {
      return seen.substring((int) (from - base));
    }

    /** The offset just after the {@code count}-th line end from {@code from}. */
    long endOfLines(long from, long count) {
      int i = (int) (from - base);
      for (long seenEnds = 0; seenEnds < count && i < seen.length(); i++) {
        char c = seen.charAt(i);
        if (c == '\n' || c == '\r' && (i + 1 == seen.length() || seen.charAt(i + 1) != '\n')) {
          seenEnds++;
        }
      }
      return base + i;
    }

    /** Drops text before {@code offset}, in large steps so the copying stays cheap. */
    void forget(long offset) {
      if (offset - base > 1 << 16) {
        seen.delete(0, (int) (offset - base));
        base = offset;
      }
    }
  }
}
