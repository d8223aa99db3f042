package io.sluice.runner.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code FILE [--var NAME=VALUE]...}: the pipeline that run and validate read. */
final class PipelineSource {

  @Parameters(index = "0", paramLabel = "FILE", description = "the pipeline (YAML)")
  Path file;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "set or override a variable")
  Map<String, String> vars = new LinkedHashMap<>();
}
