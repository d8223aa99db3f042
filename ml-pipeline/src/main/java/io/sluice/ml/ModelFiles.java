package io.sluice.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.concurrent.DaemonThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.SparkSession;
import org.json4s.JArray;
import org.json4s.JObject;
import org.json4s.JString;
import org.json4s.JValue;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Saves and reads a fitted {@link PipelineModel} in Spark ML's own layout ({@code metadata/} and
 * {@code stages/NN_uid/}, what {@code model.write().save(path)} writes and {@link
 * PipelineModel#load} reads), with the stages written or read concurrently.
 *
 * <p>Spark writes each stage's metadata and data as one small Spark job, one after the other: 19
 * jobs for the churn model, each mostly the driver's fixed cost of a job (planning, the output
 * committer, a task launch), about 2.5 s at scale 1 of the demo. The stages are independent
 * folders, so their writers run on a few threads; Spark's scheduler takes jobs from any thread. The
 * pipeline's own metadata (its uid and its stages' uids, in order) is written by Spark's writer as
 * {@code Pipeline.SharedReadWrite} does.
 */
final class ModelFiles {

  /** Two cores keep a job's driver work and another's task busy; more threads only queue. */
  static final int THREADS = 4;

  private ModelFiles() {}

  /**
   * Writes {@code model} to {@code path}, which must not exist.
   *
   * @throws IOException when {@code path} exists, or a stage or the metadata cannot be written
   */
  static void save(PipelineModel model, String path) throws IOException {
    SparkSession spark = SparkSession.active();
    Path root = new Path(path);
    if (root.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(root)) {
      // As Spark's own writer refuses it.
      throw new IOException("model folder " + path + " already exists");
    }
    Transformer[] stages = model.stages();
    String stagesDir = new Path(path, "stages").toString();
    List<Callable<Void>> writes = new ArrayList<>();
    for (int i = 0; i < stages.length; i++) {
      MLWritable stage = (MLWritable) stages[i];
      String stagePath =
          Pipeline.SharedReadWrite$.MODULE$.getStagePath(
              stages[i].uid(), i, stages.length, stagesDir);
      writes.add(
          () -> {
            stage.write().save(stagePath);
            return null;
          });
    }
    runConcurrently(writes, "writing");
    DefaultParamsWriter$.MODULE$.saveMetadata(
        model, path, spark, Option.empty(), Option.apply(stageUids(stages)));
  }

  /**
   * Reads a model {@link #save} (or Spark's own writer) wrote, with its stages read concurrently:
   * Spark's {@link PipelineModel#load} reads them one after the other, a few small jobs each (31
   * for the churn model).
   *
   * @throws IOException when the metadata or a stage cannot be read
   */
  static PipelineModel load(String path) throws IOException {
    SparkSession spark = SparkSession.active();
    DefaultParamsReader.Metadata metadata =
        DefaultParamsReader$.MODULE$.loadMetadata(path, spark, PipelineModel.class.getName());
    JsonNode uids =
        RegistryFiles.JSON.readTree(metadata.metadataJson()).path("paramMap").path("stageUids");
    String stagesDir = new Path(path, "stages").toString();
    int count = uids.size();
    Transformer[] stages = new Transformer[count];
    List<Callable<Void>> reads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      String stagePath =
          Pipeline.SharedReadWrite$.MODULE$.getStagePath(uids.get(i).asText(), i, count, stagesDir);
      reads.add(
          () -> {
            Object stage = DefaultParamsReader$.MODULE$.loadParamsInstance(stagePath, spark);
            if (!(stage instanceof Transformer transformer)) {
              throw new IOException(
                  "stage " + stagePath + " of model " + path + " is not a fitted stage: " + stage);
            }
            stages[index] = transformer;
            return null;
          });
    }
    runConcurrently(reads, "reading");
    return new PipelineModel(metadata.uid(), stages);
  }

  private static void runConcurrently(List<Callable<Void>> tasks, String what) throws IOException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(THREADS, tasks.size())),
            DaemonThreads.numbered("sluice-model-files-"));
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        running.add(pool.submit(task));
      }
      for (Future<Void> task : running) {
        await(task, what + " the model's stages");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code {"stageUids": [...]}}: the pipeline's parameters in its metadata. */
  private static JValue stageUids(Transformer[] stages) {
    List<JValue> uids = new ArrayList<>();
    for (Transformer stage : stages) {
      uids.add(new JString(stage.uid()));
    }
    JArray array = new JArray(CollectionConverters.asScala(uids).toList());
    List<Tuple2<String, JValue>> fields = List.of(new Tuple2<>("stageUids", array));
    return new JObject(CollectionConverters.asScala(fields).toList());
  }

  /** Waits for {@code task}; its failure is thrown as it was, {@code what} names the work. */
  static void await(Future<?> task, String what) throws IOException {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause.getMessage(), cause);
    }
  }
}
