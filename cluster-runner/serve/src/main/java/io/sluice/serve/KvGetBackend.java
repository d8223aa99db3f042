package io.sluice.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.kv.Json;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyValueStore;
import io.sluice.kv.KeyValueTimeoutException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code kv-get}: the path parameter is the item's partition key; answers the item as plain JSON
 * (200) or 404. The table's key schema is read once, at start-up, so a missing table fails there.
 * The read stops at the route's timeout by itself (504), on the request's thread: no hand-off to
 * the gateway's pool and back, two thread wake-ups per request on a busy machine.
 */
final class KvGetBackend implements RouteBackend {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyValueStore store;
  private final ApiRoute route;
  private final ApiRoute.KvGet spec;
  private final KeySchema schema;

  KvGetBackend(KeyValueStore store, ApiRoute route) {
    this.store = store;
    this.route = route;
    this.spec = (ApiRoute.KvGet) route.target();
    this.schema = store.keySchema(spec.table());
    if (schema.sort().isPresent()) {
      throw new ApiFileException(
          "kv-get table '"
              + spec.table()
              + "' has a sort key '"
              + schema.sortKey().name()
              + "'; kv-get reads tables with a partition key only");
    }
  }

  @Override
  public boolean stopsAtTimeout() {
    return true;
  }

  @Override
  public RouteResponse handle(RouteRequest request) throws Exception {
    String value = request.param(spec.key());
    Map<String, AttributeValue> key = schema.keyOf(value, null);
    Optional<Map<String, AttributeValue>> item;
    try {
      item = store.get(spec.table(), key, route.timeout());
    } catch (KeyValueTimeoutException e) {
      return RouteHandler.timedOut(route);
    }
    if (item.isEmpty()) {
      return RouteResponse.json(
          404,
          JSON.writeValueAsString(
              Map.of("error", "no item with " + KeySchema.describe(key) + " in " + spec.table())));
    }
    return RouteResponse.json(200, Json.toJson(item.get()));
  }
}
