package io.sluice.jobs.etl;

/**
 * One input line read against the schema: a row of typed values (in schema order), a rejection
 * naming the field (null when the whole line failed) and the reason, or a CSV header line.
 */
record ParsedRecord(Kind kind, Object[] values, String field, String reason) {

  enum Kind {
    ROW,
    REJECTED,
    HEADER
  }

  static final ParsedRecord HEADER = new ParsedRecord(Kind.HEADER, null, null, null);

  static ParsedRecord row(Object[] values) {
    return new ParsedRecord(Kind.ROW, values, null, null);
  }

  static ParsedRecord rejected(String field, String reason) {
    return new ParsedRecord(Kind.REJECTED, null, field, reason);
  }
}
