package io.sluice.runner.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --jar J}: the jars that hold an API file's function-route handlers. */
final class FunctionJarOptions {

  @Option(
      names = "--jar",
      paramLabel = "J",
      description = "a jar with the function routes' handler classes (repeatable)")
  List<Path> jars = new ArrayList<>();
}
