package io.sluice.runner.serve;

import io.sluice.runner.OutputCommand;
import io.sluice.serve.ApiFile;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice serve export API_FILE --out DIR}: an AWS SAM template of the function routes. */
@Command(
    name = "export",
    description =
        "Write an AWS SAM template (template.yaml) for an API file's function routes: an"
            + " AWS::Serverless::Function per route and an AWS::Serverless::HttpApi.")
public final class ServeExportCommand extends OutputCommand {

  @Parameters(index = "0", paramLabel = "API_FILE", description = "the YAML API file")
  Path apiFile;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "output folder")
  Path out;

  @Override
  public Integer call() {
    ApiFile.load(apiFile);
    throw new UnsupportedOperationException("export needs the functions module");
  }
}
