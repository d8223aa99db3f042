package io.sluice.jobs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * An input record a job set aside, with where it came from and why. Jobs write these as JSON lines
 * under {@code <output>/_rejected/} (a hidden directory, so readers of the output ignore it), and
 * count them as {@code rejected}: nothing is dropped silently.
 *
 * @param source the file (or table) the record came from
 * @param position the line number (1-based) or byte offset in the source; -1 when unknown
 * @param field the field that failed, or null when the whole record did
 * @param reason why, in words a user can act on
 * @param record the raw record as read (truncated to {@link #MAX_RECORD_CHARS})
 */
public record RejectedRecord(
    String source, long position, String field, String reason, String record)
    implements Serializable {

  /** Directory name for rejected records inside an output. */
  public static final String DIRECTORY = "_rejected";

  public static final int MAX_RECORD_CHARS = 4096;
  private static final JsonFactory JSON = new JsonFactory();

  public RejectedRecord {
    if (record != null && record.length() > MAX_RECORD_CHARS) {
      record = record.substring(0, MAX_RECORD_CHARS);
    }
  }

  /**
   * One JSON object per line: {"source":...,"position":...,"field":...,"reason":...,"record":...}.
   */
  public String toJson() {
    StringWriter text = new StringWriter(128);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("source", source);
      json.writeNumberField("position", position);
      json.writeStringField("field", field);
      json.writeStringField("reason", reason);
      json.writeStringField("record", record);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }
}
