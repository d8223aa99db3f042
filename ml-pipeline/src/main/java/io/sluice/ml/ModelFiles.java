package io.sluice.ml;

import io.sluice.concurrent.DaemonThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
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
 * Saves a fitted {@link PipelineModel} in Spark ML's own layout ({@code metadata/} and {@code
 * stages/NN_uid/}, what {@code model.write().save(path)} writes and {@link PipelineModel#load}
 * reads), with the stages written concurrently.
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
  static final int WRITER_THREADS = 4;

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
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(WRITER_THREADS, stages.length)),
            DaemonThreads.numbered("sluice-model-writer-"));
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < stages.length; i++) {
        MLWritable stage = (MLWritable) stages[i];
        String stagePath =
            Pipeline.SharedReadWrite$.MODULE$.getStagePath(
                stages[i].uid(), i, stages.length, stagesDir);
        writes.add(
            pool.submit(
                () -> {
                  stage.write().save(stagePath);
                  return null;
                }));
      }
      for (Future<?> write : writes) {
        await(write);
      }
    } finally {
      pool.shutdownNow();
    }
    DefaultParamsWriter$.MODULE$.saveMetadata(
        model, path, spark, Option.empty(), Option.apply(stageUids(stages)));
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

  private static void await(Future<?> write) throws IOException {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the model's stages", e);
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
