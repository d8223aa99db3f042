package io.sluice.runner.functions;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice functions}: handlers written for AWS Lambda, run on this machine. */
@Command(
    name = "functions",
    description = {
      "Run handlers written for AWS Lambda (aws-lambda-java-core RequestHandler or",
      "RequestStreamHandler) on this machine, as `sam local invoke` does."
    },
    subcommands = {InvokeCommand.class})
public final class FunctionsCommand extends CommandGroup {}
