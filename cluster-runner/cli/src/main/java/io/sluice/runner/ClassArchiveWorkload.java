package io.sluice.runner;

import io.sluice.runner.demo.ClassArchiveDemo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The commands {@code bin/build-class-archive} runs once so the JVM can write the CLI's class-data
 * sharing archive: a Spark and a MapReduce WordCount and a Spark SQL grep (two output partitions),
 * which between them load most of what any command needs (picocli, Spark on RDDs and Spark SQL,
 * Hadoop's file systems and local runner, Parquet, the job catalog), after {@code sluice --help},
 * which builds the whole command tree (a command line naming its subcommand builds only that one's,
 * so the jobs alone would leave the other commands' classes out), and then the demo's pipeline
 * (MLlib, the charts, DuckDB, S3A and the S3 SDK: {@link ClassArchiveDemo}).
 */
public final class ClassArchiveWorkload {
  private ClassArchiveWorkload() {}

  /**
   * {@code args[0]}: an empty working directory; {@code args[1]}, optional: the demo's pipeline
   * file ({@code sample-data/pipelines/demo.yaml}), run last ({@link ClassArchiveDemo}). Exits with
   * the first failing command's code.
   */
  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    Path input = Files.writeString(work.resolve("words.txt"), "to be or not to be\n");
    run(new String[] {"--help"});
    for (String engine : List.of("spark", "mapreduce")) {
      run(
          new String[] {
            "run",
            "wordcount",
            "--engine",
            engine,
            "--input",
            input.toString(),
            "--output",
            work.resolve("out-" + engine).toString()
          });
    }
    // A Spark SQL plan: WordCount and grep with one output partition of a small input run on RDDs
    // alone (WordCountRdd, GrepRdd), so without two output partitions Spark SQL's session state,
    // planner and text source would be left out of the archive (it shrank from 144 to 113 MiB)
    // and every other Spark job would load them itself.
    run(
        new String[] {
          "run",
          "grep",
          "--engine",
          "spark",
          "--pattern",
          "b[a-z]",
          "--reducers",
          "2",
          "--input",
          input.toString(),
          "--output",
          work.resolve("out-grep").toString()
        });
    // A session as pipelines, ML commands and user jobs start it: with the session extensions of
    // the jars (MLlib's) and Scala's runtime reflection, which a catalog job's run no longer loads
    // (EngineContext.Builder.jarExtensions) but which those commands and the other jobs' encoders
    // still use: about 1,200 classes.
    SparkSession.builder()
        .master("local[1]")
        .appName("class-archive")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
        .stop();
    if (args.length > 1 && Files.isRegularFile(Path.of(args[1]))) {
      PrintWriter log = new PrintWriter(System.err, true);
      ClassArchiveDemo.run(Path.of(args[1]), Files.createDirectories(work.resolve("demo")), log);
    }
    // The archive is written as the JVM exits, including Spark's non-daemon threads' classes.
    System.exit(0);
  }

  private static void run(String[] args) {
    StringWriter out = new StringWriter();
    int code = SluiceCli.execute(args, System.getenv(), new PrintWriter(out), new PrintWriter(out));
    if (code != 0) {
      System.err.println(out);
      System.exit(code);
    }
  }
}
