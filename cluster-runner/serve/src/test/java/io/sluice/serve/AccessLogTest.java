package io.sluice.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {

  @Test
  void oneJsonLineWithTheKeyIdNeverTheKey(@TempDir Path dir) throws Exception {
    String key = "s3cr3t-key-0001";
    Files.writeString(dir.resolve("keys.txt"), "# clients\n\n" + key + "\n");
    ApiKeys keys = ApiKeys.load(dir.resolve("keys.txt"));
    String id = keys.idOf(key);
    assertEquals(8, id.length());
    String line =
        AccessLog.line(
            new AccessLog.Entry(
                Instant.parse("2026-12-02T14:00:00Z"),
                "r-1",
                "GET /c/{id}",
                "GET",
                "/c/42",
                200,
                1.23456,
                id,
                "127.0.0.1"));
    assertFalse(line.contains("\n"));
    assertFalse(line.contains(key));
    JsonNode json = new ObjectMapper().readTree(line);
    assertEquals("GET /c/{id}", json.get("route").asText());
    assertEquals(200, json.get("status").asInt());
    assertEquals(1.235, json.get("latency_ms").asDouble());
    assertEquals(id, json.get("key_id").asText());
    assertEquals("/c/42", json.get("path").asText());
    assertEquals("2026-12-02T14:00:00Z", json.get("time").asText());
  }

  @Test
  void theLineIsCompactJsonInAFixedFieldOrderWithJsonEscapes() {
    String line =
        AccessLog.line(
            new AccessLog.Entry(
                Instant.parse("2026-12-02T14:00:00.000005Z"),
                "r-2",
                "GET /c/{id}",
                "GET",
                "/c/\"42\u00e9\n",
                504,
                12345.6789,
                null,
                null));
    assertEquals(
        "{\"time\":\"2026-12-02T14:00:00.000005Z\",\"request_id\":\"r-2\",\"route\":\"GET"
            + " /c/{id}\",\"method\":\"GET\",\"path\":\"/c/\\\"42\u00e9\\n\",\"status\":504,"
            + "\"latency_ms\":12345.679,\"key_id\":null,\"client\":null}",
        line);
  }

  @Test
  void withoutKeysTheKeyIdIsNull() throws Exception {
    String line =
        AccessLog.line(
            new AccessLog.Entry(Instant.EPOCH, "r", "POST /p", "POST", "/p", 429, 0, null, "::1"));
    assertTrue(new ObjectMapper().readTree(line).get("key_id").isNull());
  }

  @Test
  void aBadKeysFileNamesTheLineButNotTheKey(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("keys.txt"), "good-key-123\nbad key\n");
    String message =
        org.junit.jupiter.api.Assertions.assertThrows(
                ApiFileException.class, () -> ApiKeys.load(dir.resolve("keys.txt")))
            .getMessage();
    assertTrue(message.endsWith("keys.txt:2: an API key is 8 or more characters without spaces"));
    assertFalse(message.contains("bad key"));
  }
}
