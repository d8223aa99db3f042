package io.sluice.runner.s3;

import picocli.CommandLine.Mixin;

/** An {@code s3} command that moves bytes (cp, sync): it takes the transfer options. */
abstract class TransferSubcommand extends S3Subcommand {

  @Mixin S3Options.Transfer transferOptions;

  @Override
  final S3Options.Transfer transfer() {
    return transferOptions;
  }
}
