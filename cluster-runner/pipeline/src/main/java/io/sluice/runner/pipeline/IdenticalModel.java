package io.sluice.runner.pipeline;

import io.sluice.ml.ModelInfo;
import io.sluice.ml.ModelRegistry;
import io.sluice.ml.ModelVersion;
import io.sluice.ml.TrainedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The pipeline's rule that keeps a re-run from growing the registry: a freshly trained model is not
 * registered again when a version of the same name was trained on the same rows (the data
 * fingerprint), from the same spec, by the same algorithm, folds and code version. Training is
 * seeded, so such a version is the model the run would register; the step reuses it.
 */
final class IdenticalModel {

  private IdenticalModel() {}

  static Optional<ModelVersion> find(
      ModelRegistry registry, String name, TrainedModel trained, Configuration conf) {
    ModelInfo fresh = trained.info();
    String spec = trained.spec().toYaml();
    List<ModelVersion> versions =
        registry.list().stream().filter(v -> v.info().name().equals(name)).toList();
    for (int i = versions.size() - 1; i >= 0; i--) {
      ModelVersion v = versions.get(i);
      ModelInfo old = v.info();
      if (old.trainingFingerprint().equals(fresh.trainingFingerprint())
          && old.codeVersion().equals(fresh.codeVersion())
          && old.algorithm().equals(fresh.algorithm())
          && old.cvFolds() == fresh.cvFolds()
          && spec.equals(readText(new Path(v.location(), ModelRegistry.SPEC_FILE), conf))) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private static String readText(Path p, Configuration conf) {
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
