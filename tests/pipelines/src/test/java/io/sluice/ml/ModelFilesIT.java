package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.testing.SluiceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelFiles#save} writes what Spark's own {@code PipelineModel.write().save} writes (the
 * same files, the same metadata but its timestamp), and Spark reads it back into a model that
 * scores as the fitted one; {@link ModelFiles#load} reads Spark's layout into the stages Spark's
 * own reader gives.
 */
@SluiceTest
class ModelFilesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theConcurrentSaveWritesSparksLayoutAndLoadsBackToTheSamePredictions(SparkSession spark)
      throws IOException {
    ChurnLogisticModel churn = ChurnLogisticModel.get(spark);
    PipelineModel model = churn.trained.model();
    Path ours = dir.resolve("ours");
    Path sparks = dir.resolve("sparks");
    ModelFiles.save(model, ours.toString());
    model.write().save(sparks.toString());

    assertEquals(files(sparks), files(ours));
    for (String metadata : files(sparks)) {
      if (metadata.contains("metadata/part-")) {
        assertEquals(
            withoutTimestamp(sparks.resolve(metadata)),
            withoutTimestamp(ours.resolve(metadata)),
            metadata);
      }
    }

    Dataset<Row> input = new DatasourceReader(spark).read(churn.spec.input(), churn.spec.format());
    PipelineModel loaded = PipelineModel.load(ours.toString());
    assertEquals(model.uid(), loaded.uid());
    assertEquals(scores(model, input), scores(loaded, input));
    assertEquals(ChurnLogisticModel.ROWS, scores(loaded, input).size());
  }

  @Test
  void theConcurrentLoadReadsSparksLayoutIntoTheSameStages(SparkSession spark) throws IOException {
    ChurnLogisticModel churn = ChurnLogisticModel.get(spark);
    PipelineModel model = churn.trained.model();
    Path sparks = dir.resolve("sparks");
    model.write().save(sparks.toString());

    PipelineModel ours = ModelFiles.load(sparks.toString());
    PipelineModel sparksOwn = PipelineModel.load(sparks.toString());
    assertEquals(sparksOwn.uid(), ours.uid());
    assertEquals(sparksOwn.stages().length, ours.stages().length);
    for (int i = 0; i < ours.stages().length; i++) {
      assertEquals(sparksOwn.stages()[i].uid(), ours.stages()[i].uid());
      assertEquals(sparksOwn.stages()[i].getClass(), ours.stages()[i].getClass());
    }
    Dataset<Row> input = new DatasourceReader(spark).read(churn.spec.input(), churn.spec.format());
    assertEquals(scores(model, input), scores(ours, input));
  }

  @Test
  void aFolderWithoutAModelIsAnError(SparkSession spark) throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThrows(Exception.class, () -> ModelFiles.load(empty.toString()));
  }

  @Test
  void anExistingFolderIsNotOverwritten(SparkSession spark) throws IOException {
    PipelineModel model = ChurnLogisticModel.get(spark).trained.model();
    Path target = dir.resolve("model");
    ModelFiles.save(model, target.toString());
    assertThrows(IOException.class, () -> ModelFiles.save(model, target.toString()));
  }

  /** The files under {@code root}, relative and sorted, without Hadoop's checksum files. */
  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.endsWith(".crc"))
          // Part files carry a random job id.
          .map(p -> p.replaceAll("part-00000-[0-9a-f-]+", "part-00000"))
          .sorted()
          .toList();
    }
  }

  private static JsonNode withoutTimestamp(Path metadataWithGenericName) throws IOException {
    Path folder = metadataWithGenericName.getParent();
    try (Stream<Path> parts = Files.list(folder)) {
      Path part =
          parts
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .filter(p -> !p.toString().endsWith(".crc"))
              .findFirst()
              .orElseThrow();
      ObjectNode json = (ObjectNode) JSON.readTree(Files.readString(part));
      json.remove("timestamp");
      return json;
    }
  }

  private static List<Row> scores(PipelineModel model, Dataset<Row> input) {
    return model
        .transform(input)
        .select("customer_id", "probability", "prediction")
        .orderBy("customer_id")
        .collectAsList();
  }
}
