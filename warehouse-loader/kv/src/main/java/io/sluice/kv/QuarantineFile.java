package io.sluice.kv;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The loader's quarantine file: one JSON line per row it could not store, with its row number,
 * location, status, key and reason. Created at the first line, so a clean load leaves none; safe to
 * write from the batch threads.
 */
final class QuarantineFile implements AutoCloseable {

  // The loader's logger, so log lines keep the name they always had.
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLoader.class);

  private final Path file;
  private BufferedWriter out;

  QuarantineFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** Whether any line was written, so the file exists. */
  synchronized boolean written() {
    return out != null;
  }

  synchronized void write(
      long row,
      String location,
      String keyText,
      String status,
      String reason,
      Map<String, AttributeValue> item) {
    try {
      if (out == null) {
        if (file.toAbsolutePath().getParent() != null) {
          Files.createDirectories(file.toAbsolutePath().getParent());
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      }
      String line =
          Json.object(
              json -> {
                json.writeNumberField("row", row);
                json.writeStringField("location", location);
                json.writeStringField("status", status);
                if (keyText != null) {
                  json.writeStringField("key", keyText);
                }
                json.writeStringField("reason", reason == null ? "" : reason);
                if (item != null) {
                  json.writeFieldName("item");
                  writeItem(json, item);
                }
              });
      out.write(line + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the quarantine file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The item as plain JSON; as a string of its attribute values when the SDK cannot convert it. */
  private static void writeItem(JsonGenerator json, Map<String, AttributeValue> item)
      throws IOException {
    String converted;
    try {
      converted = Json.toJson(item);
    } catch (RuntimeException e) {
      json.writeString(item.toString());
      return;
    }
    json.writeRawValue(converted);
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.warn("closing the quarantine file {}: {}", file, e.getMessage());
      }
    }
  }
}
