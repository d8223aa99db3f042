package io.sluice.runner.image;

import io.sluice.runner.CommandGroup;
import io.sluice.runner.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice image}: look at images {@code sluice package} wrote. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = "Inspect image tars.",
    subcommands = {ImageCommand.Inspect.class})
public final class ImageCommand extends CommandGroup {

  /** {@code sluice image inspect image.tar}. */
  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = "Print an image tar's layers, sizes, digest, entrypoint, env and labels.")
  static final class Inspect implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "IMAGE.tar", description = "an OCI or Docker-format image tar")
    Path tar;

    @Override
    public Integer call() {
      ImageArchive.read(tar).print(spec.commandLine().getOut());
      return ExitCode.OK;
    }
  }
}
