package io.sluice.runner.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.runner.CliOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice load kv} and {@code sluice kv ...} in-process, as the DynamoDB lab runs them
 * (create, add, modify, query, delete), against a real DynamoDB API server started once for the
 * class.
 */
class KvCommandIT {

  private static EmbeddedDynamoDb server;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server = EmbeddedDynamoDb.startInMemory();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static CliOutcome sluice(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (!all.contains("--help") && !all.contains("--endpoint") && all.size() > 1) {
      all.add("--endpoint");
      all.add(server.endpoint().toString());
    }
    return CliOutcome.sluice(all.toArray(String[]::new));
  }

  @Test
  void loadThenGetQueryUpdateDeleteScan() throws Exception {
    Path csv = dir.resolve("music.csv");
    Files.writeString(
        csv,
        "Artist,SongTitle,AlbumTitle,Year\n"
            + "No One You Know,Call Me Today,Somewhat Famous,2015\n"
            + "No One You Know,Howdy,Somewhat Famous,2016\n"
            + "Acme Band,Happy Day,Songs About Life,2017\n"
            + "Acme Band,,Missing Title,2018\n");
    Path quarantine = dir.resolve("rejected.jsonl");
    CliOutcome load =
        sluice(
            "load",
            "kv",
            "--input",
            csv.toString(),
            "--table",
            "Music",
            "--key",
            "Artist",
            "--sort-key",
            "SongTitle",
            "--quarantine",
            quarantine.toString());
    assertEquals(0, load.code, load.err);
    assertTrue(
        load.out.startsWith("load kv Music done: read=4 written=3 rejected=1 failed=0"), load.out);
    assertTrue(
        Files.readString(quarantine).contains("key attribute 'SongTitle' is missing"),
        Files.readString(quarantine));

    CliOutcome get = sluice("kv", "get", "Music", "Acme Band", "Happy Day");
    assertEquals(0, get.code, get.err);
    assertEquals(
        "{\"Artist\":\"Acme Band\",\"SongTitle\":\"Happy Day\",\"AlbumTitle\":\"Songs About Life\",\"Year\":\"2017\"}",
        get.out.strip());

    CliOutcome put =
        sluice(
            "kv",
            "put",
            "Music",
            "--item",
            "{\"Artist\":\"Acme Band\",\"SongTitle\":\"PartiQL Rocks\",\"Year\":2024,\"Genre\":[\"rock\",\"jazz\"]}");
    assertEquals(0, put.code, put.err);

    CliOutcome update =
        sluice(
            "kv",
            "update",
            "Music",
            "No One You Know",
            "Call Me Today",
            "--set",
            "AlbumTitle=Updated Album Title",
            "--set",
            "Awards=2",
            "--remove",
            "Year");
    assertEquals(0, update.code, update.err);
    assertTrue(
        update.out.contains("\"AlbumTitle\":\"Updated Album Title\"")
            && update.out.contains("\"Awards\":2")
            && !update.out.contains("Year"),
        update.out);

    CliOutcome query = sluice("kv", "query", "Music", "Acme Band");
    assertEquals(0, query.code, query.err);
    assertEquals(2, query.out.lines().count(), query.out);
    assertTrue(query.out.lines().toList().get(1).contains("\"Year\":2024"), query.out);
    CliOutcome narrowed = sluice("kv", "query", "Music", "No One You Know", "--begins-with", "Ho");
    assertEquals(
        List.of("Howdy"),
        narrowed
            .out
            .lines()
            .map(l -> l.replaceAll(".*\"SongTitle\":\"([^\"]*)\".*", "$1"))
            .toList());

    CliOutcome delete = sluice("kv", "delete", "Music", "No One You Know", "Howdy");
    assertEquals(0, delete.code, delete.err);
    assertTrue(delete.out.contains("Howdy"), delete.out);
    CliOutcome gone = sluice("kv", "get", "Music", "No One You Know", "Howdy");
    assertEquals(2, gone.code);
    assertTrue(
        gone.err.startsWith("sluice kv get: no item with Artist=No One You Know, SongTitle=Howdy"),
        gone.err);

    CliOutcome scan = sluice("kv", "scan", "Music");
    assertEquals(0, scan.code, scan.err);
    assertEquals(3, scan.out.lines().count(), scan.out);
  }

  @Test
  void createTableWithNumberKeyAndBadRequestsExitTwo() {
    CliOutcome created =
        sluice("kv", "create-table", "Scores", "--key", "player", "--sort-key", "score:N");
    assertEquals(0, created.code, created.err);
    assertTrue(
        created.out.startsWith("created table Scores (key player:S, sort key score:N)"),
        created.out);
    CliOutcome again =
        sluice("kv", "create-table", "Scores", "--key", "player", "--sort-key", "score:N");
    assertTrue(again.out.startsWith("table exists: Scores"), again.out);

    assertEquals(
        0, sluice("kv", "put", "Scores", "--item", "{\"player\":\"ann\",\"score\":90}").code);
    assertEquals(
        0, sluice("kv", "put", "Scores", "--item", "{\"player\":\"ann\",\"score\":120}").code);
    CliOutcome high = sluice("kv", "query", "Scores", "ann", "--gt", "100");
    assertEquals(1, high.out.lines().count(), high.out + high.err);

    CliOutcome notANumber = sluice("kv", "get", "Scores", "ann", "lots");
    assertEquals(2, notANumber.code);
    assertTrue(notANumber.err.contains("'score' is a number, got 'lots'"), notANumber.err);
    CliOutcome badJson = sluice("kv", "put", "Scores", "--item", "player=ann");
    assertEquals(2, badJson.code);
    assertTrue(badJson.err.contains("an item is a JSON object"), badJson.err);
    CliOutcome noKey = sluice("kv", "put", "Scores", "--item", "{\"player\":\"bob\"}");
    assertEquals(2, noKey.code);
    assertTrue(noKey.err.contains("key attribute 'score' is missing"), noKey.err);
    CliOutcome noTable = sluice("kv", "scan", "NoSuchTable");
    assertEquals(2, noTable.code);
    assertTrue(noTable.err.startsWith("sluice kv scan: no table 'NoSuchTable'"), noTable.err);
    assertEquals(1, noTable.err.lines().count(), noTable.err);
    CliOutcome noInput =
        sluice(
            "load",
            "kv",
            "--input",
            dir.resolve("missing.csv").toString(),
            "--table",
            "Scores",
            "--key",
            "player");
    assertEquals(2, noInput.code);
    assertTrue(noInput.err.contains("does not exist"), noInput.err);
    CliOutcome unreachable = sluice("kv", "scan", "Scores", "--endpoint", "http://127.0.0.1:1");
    assertEquals(2, unreachable.code, unreachable.err);
    assertTrue(
        unreachable.err.contains("cannot reach the DynamoDB endpoint http://127.0.0.1:1"),
        unreachable.err);
  }

  @Test
  void everyKvCommandHasHelp() {
    for (String c : List.of("create-table", "put", "get", "update", "delete", "query", "scan")) {
      CliOutcome o = sluice("kv", c, "--help");
      assertEquals(0, o.code, c);
      assertTrue(o.out.startsWith("Usage: sluice kv " + c), o.out);
    }
    CliOutcome load = sluice("load", "kv", "--help");
    assertTrue(load.out.contains("--sort-key"), load.out);
  }

  @Test
  void loadPrintsItsSummaryAsOneJsonObject() throws Exception {
    Path csv = dir.resolve("pairs.csv");
    Files.writeString(csv, "k,v\na,1\nb,2\n,3\n");
    CliOutcome load =
        sluice(
            "--json",
            "load",
            "kv",
            "--input",
            csv.toString(),
            "--table",
            "Pairs",
            "--key",
            "k",
            "--quarantine",
            dir.resolve("rejected.jsonl").toString());
    assertEquals(0, load.code, load.err);
    assertEquals(1, load.out.lines().count(), load.out);
    JsonNode summary = new ObjectMapper().readTree(load.out);
    assertEquals("Pairs", summary.get("table").asText());
    assertTrue(summary.get("succeeded").asBoolean());
    assertEquals(3, summary.get("read").asLong());
    assertEquals(2, summary.get("written").asLong());
    assertEquals(1, summary.get("rejected").asLong());
    assertTrue(summary.get("bytesIn").asLong() > 0, load.out);
    assertTrue(summary.get("seconds").isNumber(), load.out);
  }
}
