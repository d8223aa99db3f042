package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** Where the files of a registry's model land on local disk: inside the local model folder only. */
class LocalModelCopyTest {

  private static final java.nio.file.Path LOCAL =
      java.nio.file.Path.of("/tmp/sluice-model-1/model");
  private static final String PREFIX = "s3a://registry/churn/3/model/";

  @Test
  void filesOfTheModelLandBelowTheLocalFolder() {
    assertEquals(
        LOCAL.resolve("stages/0_imputer/metadata/part-00000"),
        LocalModelCopy.localTarget(
            LOCAL, PREFIX, new Path(PREFIX + "stages/0_imputer/metadata/part-00000")));
  }

  @Test
  void filesOutsideTheModelFolderAreRefused() {
    for (String hostile :
        new String[] {
          "s3a://registry/churn/3/model/../../../../etc/cron.d/x",
          "s3a://registry/churn/3/modelx/evil",
          "s3a://registry/other/evil",
          "s3a://registry/churn/3/model"
        }) {
      MlInputException e =
          assertThrows(
              MlInputException.class,
              () -> LocalModelCopy.localTarget(LOCAL, PREFIX, new Path(hostile)),
              hostile);
      assertTrue(e.getMessage().contains("not inside the model folder"), e.getMessage());
    }
  }
}
