package io.sluice.tests.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.ml.Algorithm;
import io.sluice.ml.DatasourceSpec;
import io.sluice.ml.FeatureSpec;
import io.sluice.ml.FeatureType;
import io.sluice.ml.LoadedModel;
import io.sluice.ml.ModelRef;
import io.sluice.ml.ModelRegistry;
import io.sluice.ml.ModelTrainer;
import io.sluice.ml.OnlinePrediction;
import io.sluice.ml.OnlinePredictor;
import io.sluice.ml.TrainingOptions;
import io.sluice.sampledata.ChurnGenerator;
import io.sluice.serve.ApiFile;
import io.sluice.serve.Gateway;
import io.sluice.testing.SluiceTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A predict route over a logistic churn model the test trains (300 generated rows) and registers:
 * the route answers what {@link OnlinePredictor} answers for the same rows (one object and a list),
 * and names the field of a request it cannot score. Equality with batch predictions is
 * OnlinePredictor's own test.
 */
@SluiceTest
class PredictRouteIT {

  private static final int ROWS = 300;
  private static final int SCORED = 8;

  @TempDir static Path dir;

  private static Gateway gateway;
  private static OnlinePredictor predictor;
  private static LoadedModel loaded;
  private static List<Map<String, String>> sample;
  private static Requests http;

  @BeforeAll
  static void trainAndServe(SparkSession spark) throws Exception {
    ChurnGenerator.writeTable(11, ROWS, dir.resolve("churn.csv"));
    Files.writeString(dir.resolve("churn.yaml"), ChurnGenerator.spec("churn.csv"));
    DatasourceSpec spec = DatasourceSpec.load(dir.resolve("churn.yaml"));
    String registryDir = dir.resolve("registry").toString();
    ModelRegistry registry =
        new ModelRegistry(registryDir, spark.sparkContext().hadoopConfiguration());
    registry.register(
        "churn", new ModelTrainer(spark).train(spec, TrainingOptions.of(Algorithm.LOGISTIC)));
    sample = csvRows(dir.resolve("churn.csv"), SCORED);
    Path api = dir.resolve("api.yaml");
    Files.writeString(
        api,
        """
        routes:
          - route: POST /models/churn/predict
            predict: {model: churn, registry: "%s", version: 1}
        """
            .formatted(registryDir));
    gateway =
        Gateway.builder(ApiFile.load(api))
            .port(0)
            .predictors(
                p -> {
                  // The route's model as the CLI loads it; the test's predictor is built from the
                  // same load (loading twice would double the slowest part of this test).
                  loaded =
                      new ModelRegistry(p.registry(), spark.sparkContext().hadoopConfiguration())
                          .load(ModelRef.parse(p.modelRef()));
                  return OnlinePredictor.of(loaded);
                })
            .start();
    predictor = OnlinePredictor.of(loaded);
    http = new Requests(gateway.uri());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void oneRowAndAListAnswerWhatTheOnlinePredictorAnswers() {
    ArrayNode list = Requests.JSON.createArrayNode();
    for (Map<String, String> row : sample) {
      ObjectNode body = body(row);
      list.add(body);
      HttpResponse<String> one = http.post("/models/churn/predict", null, body.toString());
      assertEquals(200, one.statusCode(), one.body());
      assertSame(predictor.predict(values(row)), Requests.json(one), row.toString());
    }
    HttpResponse<String> all = http.post("/models/churn/predict", null, list.toString());
    assertEquals(200, all.statusCode(), all.body());
    JsonNode answers = Requests.json(all);
    assertEquals(sample.size(), answers.size());
    for (int i = 0; i < sample.size(); i++) {
      assertSame(predictor.predict(values(sample.get(i))), answers.get(i), "row " + i);
    }
  }

  @Test
  void requestsItCannotScoreAre400NamingTheProblem() {
    ObjectNode row = body(sample.get(0));
    assertProblem("{\"age\": ", "body is not JSON");
    assertProblem("42", "body must be a JSON object of feature values or a list of them");
    ObjectNode missing = row.deepCopy();
    missing.remove("tenure_months");
    assertProblem(missing.toString(), "missing field 'tenure_months' (numeric)");
    ObjectNode wrongType = row.deepCopy();
    wrongType.put("age", "forty");
    assertProblem(wrongType.toString(), "field 'age': expected a number, got \"forty\"");
    ArrayNode list = Requests.JSON.createArrayNode().add(row).add(wrongType);
    assertProblem(list.toString(), "field '[1].age': expected a number, got \"forty\"");
  }

  @Test
  void theOpenApiDocumentDescribesTheFeatures() {
    JsonNode schema =
        Requests.json(http.get("/openapi.json", null))
            .at(
                "/paths/~1models~1churn~1predict/post/requestBody/content/application~1json/schema");
    JsonNode properties = schema.get("oneOf").get(0).get("properties");
    assertEquals("number", properties.get("age").get("type").asText());
    assertEquals("string", properties.get("plan").get("type").asText());
  }

  private static void assertProblem(String body, String expected) {
    HttpResponse<String> r = http.post("/models/churn/predict", null, body);
    assertEquals(400, r.statusCode(), r.body());
    String error = Requests.json(r).get("error").asText();
    assertTrue(error.startsWith(expected), error);
  }

  private static void assertSame(OnlinePrediction expected, JsonNode actual, String what) {
    assertEquals(String.valueOf(expected.prediction()), actual.get("prediction").asText(), what);
    assertEquals(expected.probability(), actual.get("probability").asDouble(), 1e-9, what);
  }

  /** The request body of a CSV row: numeric features as JSON numbers, empty values as null. */
  private static ObjectNode body(Map<String, String> row) {
    ObjectNode o = Requests.JSON.createObjectNode();
    for (FeatureSpec f : predictor.features()) {
      String v = row.get(f.name());
      if (v == null || v.isEmpty()) {
        o.putNull(f.name());
      } else if (f.type() == FeatureType.NUMERIC) {
        o.put(f.name(), Double.parseDouble(v));
      } else {
        o.put(f.name(), v);
      }
    }
    return o;
  }

  /** The same row as the predictor is handed it by the route. */
  private static Map<String, Object> values(Map<String, String> row) {
    Map<String, Object> values = new HashMap<>();
    for (FeatureSpec f : predictor.features()) {
      String v = row.get(f.name());
      values.put(
          f.name(),
          v == null || v.isEmpty()
              ? null
              : f.type() == FeatureType.NUMERIC ? (Object) Double.parseDouble(v) : v);
    }
    return values;
  }

  /** The first {@code n} rows of the generated CSV (no quoted commas in it). */
  private static List<Map<String, String>> csvRows(Path csv, int n) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, n + 1)) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }
}
