package io.sluice.runner.s3;

import io.sluice.errors.InvalidInputException;
import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.ObjectStore;
import java.net.URL;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice s3 presign get|put s3://bucket/key --expires 15m}: prints the URL. */
@Command(
    name = "presign",
    description = {
      "Print a presigned URL that lets anyone GET or PUT one object until it expires.",
      "E.g. curl -o file \"$(sluice s3 presign get s3://b/k)\", or curl -T file \"$(sluice s3 presign put s3://b/k)\"."
    })
final class PresignCommand extends S3Subcommand {

  @Parameters(index = "0", paramLabel = "get|put", description = "What the URL allows")
  String method;

  @Parameters(index = "1", paramLabel = "s3://BUCKET/KEY")
  String location;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      converter = Units.DurationConverter.class,
      defaultValue = "1h",
      description =
          "How long the URL works: 90s, 15m, 12h, 7d (at most 7 days; default: ${DEFAULT-VALUE})")
  Duration expires;

  @Override
  int run(ObjectStore store) {
    S3Location object = S3Location.parseObject(location);
    URL url =
        switch (method.toLowerCase(Locale.ROOT)) {
          case "get" -> store.presignGet(object.bucket(), object.key(), expires);
          case "put" -> store.presignPut(object.bucket(), object.key(), expires);
          default ->
              throw new InvalidInputException("presign takes get or put, not '" + method + "'");
        };
    out().println(url);
    return ExitCode.OK;
  }
}
