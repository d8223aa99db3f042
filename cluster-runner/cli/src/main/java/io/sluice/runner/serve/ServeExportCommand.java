package io.sluice.runner.serve;

import io.sluice.functions.FunctionException;
import io.sluice.functions.SamFunctionRoute;
import io.sluice.functions.SamTemplate;
import io.sluice.runner.OutputCommand;
import io.sluice.serve.ApiFile;
import io.sluice.serve.ApiRoute;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice serve export API_FILE --out DIR --jar J...}: an AWS SAM template of the API file's
 * function routes (one {@code AWS::Serverless::Function} each, with the jar that holds its handler,
 * and an {@code AWS::Serverless::HttpApi}), the jars copied beside it for {@code sam deploy}.
 */
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

  @Mixin FunctionJarOptions functionJars;

  @Override
  public Integer call() {
    ApiFile api = ApiFile.load(apiFile);
    List<SamFunctionRoute> routes = new ArrayList<>();
    for (ApiRoute r : api.routes()) {
      if (r.target() instanceof ApiRoute.Function f) {
        routes.add(new SamFunctionRoute(r.method(), r.path(), f.handler(), jarOf(f.handler())));
      }
    }
    String name = apiFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    Path template = SamTemplate.write(name, routes, out);
    out()
        .println(
            "wrote " + template + " (" + routes.size() + " function route(s); deploy: sam deploy)");
    return 0;
  }

  /** The jar of {@code --jar} that holds the handler's class. */
  private Path jarOf(String handler) {
    String entry = handler.replaceFirst("::.*$", "").replace('.', '/') + ".class";
    for (Path jar : functionJars.jars) {
      try (JarFile j = new JarFile(jar.toFile())) {
        if (j.getEntry(entry) != null) {
          return jar;
        }
      } catch (IOException e) {
        throw new FunctionException("cannot read jar " + jar + ": " + e.getMessage());
      }
    }
    throw new FunctionException(
        "no --jar holds handler "
            + handler
            + (functionJars.jars.isEmpty() ? " (give its jar with --jar)" : ""));
  }
}
