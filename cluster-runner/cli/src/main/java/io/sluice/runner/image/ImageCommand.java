package io.sluice.runner.image;

import io.sluice.runner.CommandGroup;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice image}: look at images {@code sluice package} wrote. */
@Command(
    name = "image",
    description = "Inspect image tars.",
    subcommands = {ImageCommand.Inspect.class})
public final class ImageCommand extends CommandGroup {

  /** {@code sluice image inspect image.tar}. */
  @Command(
      name = "inspect",
      description = "Print an image tar's layers, sizes, digest, entrypoint, env and labels.")
  static final class Inspect extends OutputCommand {

    @Parameters(paramLabel = "IMAGE.tar", description = "an OCI or Docker-format image tar")
    Path tar;

    @Override
    public Integer call() {
      ImageArchive.read(tar).print(out());
      return ExitCode.OK;
    }
  }
}
