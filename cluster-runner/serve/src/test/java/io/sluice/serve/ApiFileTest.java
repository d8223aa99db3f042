package io.sluice.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiFileTest {

  private static final Path FILE = Path.of("/srv/api/api.yaml");

  private static ApiFile parse(String yaml) {
    return ApiFile.parse(FILE, yaml);
  }

  private static String error(String yaml) {
    return assertThrows(ApiFileException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void mapsEveryRouteKindWithDefaults() {
    ApiFile api =
        parse(
            """
            routes:
              - route: GET /customers/{id}/churn
                kv-get: {table: churn_predictions, key: id}
              - route: post /models/churn/predict
                predict: {model: churn, registry: s3://b/models}
              - route: GET /revenue/{day}
                sql: {target: "duckdb:w.duckdb", query: "SELECT ? AS d, ? AS n", params: [day, n]}
                timeout: 250ms
              - route: POST /hello
                function: {handler: com.example.Hello}
            """);
    assertEquals(4, api.routes().size());
    ApiRoute kv = api.routes().get(0);
    assertEquals("GET /customers/{id}/churn", kv.name());
    assertEquals(new ApiRoute.KvGet("churn_predictions", "id"), kv.target());
    assertEquals(ApiFile.DEFAULT_TIMEOUT, kv.timeout());
    assertEquals(Duration.ofSeconds(10), ApiFile.DEFAULT_TIMEOUT);
    assertEquals(2, kv.line());
    ApiRoute predict = api.routes().get(1);
    assertEquals("POST", predict.method());
    assertEquals(
        new ApiRoute.Predict("churn", "s3://b/models", Optional.empty()), predict.target());
    assertEquals("churn", ((ApiRoute.Predict) predict.target()).modelRef());
    ApiRoute sql = api.routes().get(2);
    assertEquals(
        new ApiRoute.Sql("duckdb:w.duckdb", "SELECT ? AS d, ? AS n", List.of("day", "n")),
        sql.target());
    assertEquals(Duration.ofMillis(250), sql.timeout());
    assertEquals(new ApiRoute.Function("com.example.Hello"), api.routes().get(3).target());
    assertTrue(api.apiKeys().isEmpty());
    assertTrue(api.throttle().isEmpty());
  }

  @Test
  void keysResolveAgainstTheFilesFolderAndThrottleBurstDefaultsToRate() {
    ApiFile api =
        parse(
            """
            routes:
              - route: POST /hello
                function: {handler: com.example.Hello}
            api-keys: keys.txt
            throttle: {rate: 2.5}
            """);
    assertEquals(Optional.of(Path.of("/srv/api/keys.txt")), api.apiKeys());
    assertEquals(new ApiFile.Throttle(2.5, 3), api.throttle().get());
    ApiFile withBurst =
        parse(
            """
            routes:
              - route: POST /hello
                function: {handler: com.example.Hello}
            throttle: {rate: 50, burst: 100}
            """);
    assertEquals(new ApiFile.Throttle(50, 100), withBurst.throttle().get());
  }

  @Test
  void predictVersionIsPartOfTheModelRef() {
    ApiFile api =
        parse(
            """
            routes:
              - route: POST /p
                predict: {model: churn, registry: /tmp/models, version: 3}
            """);
    assertEquals("churn:3", ((ApiRoute.Predict) api.routes().get(0).target()).modelRef());
  }

  @Test
  void errorsNameFileLineAndField() {
    assertEquals(
        "/srv/api/api.yaml:3: routes[0].kv-get.table: missing",
        error(
            """
            routes:
              - route: GET /c/{id}
                kv-get: {key: id}
            """));
    assertEquals(
        "/srv/api/api.yaml:3: routes[0].kv-get.key: 'customer' is not a path parameter of the"
            + " route (have [id])",
        error(
            """
            routes:
              - route: GET /c/{id}
                kv-get: {table: t, key: customer}
            """));
    assertEquals(
        "/srv/api/api.yaml:4: routes[0].timeout: '10 sec' is not a duration such as 500ms, 10s"
            + " or 2m",
        error(
            """
            routes:
              - route: GET /c/{id}
                kv-get: {table: t, key: id}
                timeout: 10 sec
            """));
    assertEquals(
        "/srv/api/api.yaml:1: routes: missing: list the routes to serve",
        error("api-keys: k.txt\n"));
    assertTrue(
        error(
                """
                routes:
                  - route: FETCH /c
                    function: {handler: a.B}
                """)
            .startsWith("/srv/api/api.yaml:2: routes[0].route: method 'FETCH' is not one of"));
    assertTrue(
        error(
                """
                routes:
                  - route: GET /c
                    function: {handler: a.B}
                    sql: {target: "duckdb:x", query: "SELECT 1"}
                """)
            .startsWith("/srv/api/api.yaml:2: routes[0]: more than one route kind"));
    assertTrue(
        error(
                """
                routes:
                  - route: GET /c
                    function: {handler: a.B}
                thrott1e: {rate: 1}
                """)
            .startsWith("/srv/api/api.yaml:4: thrott1e: unknown field"));
    assertEquals(
        "/srv/api/api.yaml:4: throttle.rate: 'fast' is not a number",
        error(
            """
            routes:
              - route: GET /c
                function: {handler: a.B}
            throttle: {rate: fast}
            """));
    assertEquals(
        "/srv/api/api.yaml:2: routes[0].route: path /health is the gateway's own",
        error(
            """
            routes:
              - route: GET /health
                function: {handler: a.B}
            """));
    assertEquals(
        "/srv/api/api.yaml:4: routes[1].route: duplicate GET /c/{y}",
        error(
            """
            routes:
              - route: GET /c/{x}
                kv-get: {table: t, key: x}
              - route: GET /c/{y}
                kv-get: {table: t, key: y}
            """));
    assertTrue(error("routes: [\n").startsWith("/srv/api/api.yaml:2: not valid YAML"));
  }

  @Test
  void sqlQueriesMustBeOneReadOnlySelectWithAsManyParamsAsPlaceholders() {
    assertEquals(
        "/srv/api/api.yaml:3: routes[0].sql.query: must be a read-only SELECT (or WITH ... SELECT),"
            + " starts with 'DELETE'",
        error(
            """
            routes:
              - route: GET /c
                sql: {target: "duckdb:x", query: "DELETE FROM t"}
            """));
    assertEquals(
        "/srv/api/api.yaml:3: routes[0].sql.query: must be one statement (found ';' inside)",
        error(
            """
            routes:
              - route: GET /c
                sql: {target: "duckdb:x", query: "SELECT 1; DROP TABLE t"}
            """));
    assertEquals(
        "/srv/api/api.yaml:3: routes[0].sql.query: has 1 '?' but params lists 0",
        error(
            """
            routes:
              - route: GET /c
                sql: {target: "duckdb:x", query: "SELECT * FROM t WHERE a = ? AND b = '?;'"}
            """));
    assertEquals(0, ReadOnlyQuery.placeholders("SELECT '?' -- ?\n, \"?\" /* ? */"));
    ReadOnlyQuery.check("with x as (select 1) select * from x;");
  }

  @Test
  void theDemosApiFileIsValid() {
    ApiFile demo = ApiFile.load(Path.of("..", "..", "sample-data", "serve", "demo-api.yaml"));
    assertEquals(
        List.of(
            "GET /customers/{customer_id}/churn",
            "POST /models/churn/predict",
            "GET /revenue/{day}",
            "GET /top-uris"),
        demo.routes().stream().map(ApiRoute::name).toList());
    assertEquals(new ApiFile.Throttle(50, 100), demo.throttle().get());
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMillis(500), ApiFile.parseDuration("500ms"));
    assertEquals(Duration.ofSeconds(10), ApiFile.parseDuration("10s"));
    assertEquals(Duration.ofMinutes(2), ApiFile.parseDuration("2m"));
    assertThrows(IllegalArgumentException.class, () -> ApiFile.parseDuration("0s"));
    assertThrows(IllegalArgumentException.class, () -> ApiFile.parseDuration("6m"));
  }
}
