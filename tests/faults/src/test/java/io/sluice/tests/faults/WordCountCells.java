package io.sluice.tests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** {@code sluice run wordcount} cells over the same 16 MB of text, on either engine. */
final class WordCountCells {

  private WordCountCells() {}

  /** The job to {@code output} (file or s3); on S3, pending uploads count as leftovers. */
  static JobOutputCell wordCount(FaultsS3 s3, String engine, String output) {
    Configuration conf = s3.server().storageConfig().applyTo(new Configuration());
    return new JobOutputCell(
        "run wordcount " + engine + " -> " + output.substring(0, output.indexOf(':')),
        args(engine),
        output,
        conf,
        s3.environment(),
        uri ->
            uri.startsWith("s3://")
                ? S3ObjectsCell.pendingUploads(
                        s3.client(),
                        FaultsS3.BUCKET,
                        uri.substring(("s3://" + FaultsS3.BUCKET + "/").length()))
                    .size()
                : 0);
  }

  /** {@code wordcount --engine ENGINE [--master local[2]] EXTRA --input TEXT}. */
  static List<String> args(String engine, String... extra) {
    List<String> args = new ArrayList<>(List.of("wordcount", "--engine", engine));
    if (engine.equals("spark")) {
      args.addAll(List.of("--master", "local[2]"));
    }
    args.addAll(List.of(extra));
    try {
      args.addAll(List.of("--input", Inputs.text(16).toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return args;
  }
}
