package io.sluice.runner.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads a standalone master's JSON status page ({@code http://HOST:UIPORT/json/}). */
public final class MasterStatusClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI jsonUri;
  private final HttpClient http;

  public MasterStatusClient(String uiUrl) {
    this.jsonUri = URI.create(uiUrl.replaceAll("/+$", "") + "/json/");
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  public boolean answers() {
    try {
      fetch();
      return true;
    } catch (MasterUnreachableException e) {
      return false;
    }
  }

  public MasterStatus fetch() {
    JsonNode root;
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(jsonUri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new MasterUnreachableException(
            jsonUri.toString(), new IOException("HTTP " + response.statusCode()));
      }
      root = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new MasterUnreachableException(
          jsonUri.toString(), e.getMessage() == null ? new IOException(e.toString()) : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MasterUnreachableException(jsonUri.toString(), new IOException("interrupted"));
    }
    return new MasterStatus(
        root.path("url").asText(),
        root.path("status").asText(),
        list(
            root.path("workers"),
            w ->
                new MasterStatus.Worker(
                    w.path("id").asText(),
                    w.path("host").asText(),
                    w.path("port").asInt(),
                    w.path("cores").asInt(),
                    w.path("coresused").asInt(),
                    w.path("memory").asInt(),
                    w.path("memoryused").asInt(),
                    w.path("state").asText())),
        list(root.path("activeapps"), MasterStatusClient::app),
        list(root.path("completedapps"), MasterStatusClient::app),
        list(root.path("activedrivers"), MasterStatusClient::driver),
        list(root.path("completeddrivers"), MasterStatusClient::driver));
  }

  private static MasterStatus.App app(JsonNode a) {
    return new MasterStatus.App(
        a.path("id").asText(),
        a.path("name").asText(),
        a.path("cores").asInt(),
        a.path("memoryperexecutor").asInt(a.path("memoryperslave").asInt()),
        a.path("state").asText(),
        a.path("duration").asLong());
  }

  private static MasterStatus.Driver driver(JsonNode d) {
    return new MasterStatus.Driver(
        d.path("id").asText(),
        d.path("state").asText(),
        d.path("worker").asText(),
        d.path("mainclass").asText());
  }

  private static <T> List<T> list(JsonNode array, Function<JsonNode, T> each) {
    List<T> out = new ArrayList<>();
    array.forEach(n -> out.add(each.apply(n)));
    return out;
  }
}
