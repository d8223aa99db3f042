package io.sluice.runner.newjob;

import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice new job NAME --dir DIR [--package PKG]}: a standalone Maven (and sbt) project with
 * one job.
 */
@Command(
    name = "job",
    description = {
      "Write a standalone Maven project (with a build.sbt beside its pom.xml) holding one job, NAME,",
      "that counts CSV records per value of a column on Spark and MapReduce, with tests on local Spark,",
      "a MiniDFSCluster and an embedded S3 endpoint. Versions come from io.sluice:sluice-bom.",
      "Then: cd DIR && mvn -B verify && sluice run --jar target/NAME-1.0-SNAPSHOT.jar NAME ..."
    })
final class NewJobCommand extends OutputCommand {

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description =
          "the job's name on the command line: lower-case words joined by '-', e.g. city-counts")
  String name;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      required = true,
      description = "the folder to create; it must not exist or be empty")
  Path dir;

  @Option(
      names = "--package",
      paramLabel = "PKG",
      description =
          "Java package (and Maven groupId) of the job (default: com.example.<name without '-'>)")
  String packageName;

  @Override
  public Integer call() {
    JobProject project = JobProject.of(name, packageName);
    int files = project.writeTo(dir);
    out()
        .println(
            "new job "
                + project.name()
                + " ("
                + project.qualifiedClassName()
                + "): "
                + files
                + " files in "
                + dir.toAbsolutePath().normalize()
                + "; next: cd "
                + dir
                + " && mvn -B verify");
    out().flush();
    Path bom =
        Path.of(
            System.getProperty("user.home"),
            ".m2",
            "repository",
            "io",
            "sluice",
            "sluice-bom",
            project.sluiceVersion());
    if (!Files.isDirectory(bom)) {
      // The new project's build resolves Sluice from the local repository; say so before it fails
      // there.
      err()
          .println(
              "sluice new job: io.sluice:sluice-bom:"
                  + project.sluiceVersion()
                  + " is not in "
                  + bom.getParent().getParent().getParent().getParent()
                  + "; install Sluice first:"
                  + " mvn -DskipTests install (in the Sluice checkout; bin/sluice's first build does it)");
      err().flush();
    }
    return ExitCode.OK;
  }
}
