package io.sluice.runner.s3;

import io.sluice.errors.InvalidInputException;
import io.sluice.runner.ExitCode;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.S3ObjectStore;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice s3 presign [get|put] s3://bucket/key --expires-in 900}: prints the URL. Without a
 * method it presigns a GET, as {@code aws s3 presign} does.
 */
@Command(
    name = "presign",
    description = {
      "Print a presigned URL that lets anyone GET or PUT one object until it expires (aws s3 presign).",
      "E.g. curl -o file \"$(sluice s3 presign s3://b/k)\", or curl -T file \"$(sluice s3 presign put s3://b/k)\"."
    })
final class PresignCommand extends S3Subcommand {

  @Parameters(
      arity = "1..2",
      paramLabel = "[get|put] s3://BUCKET/KEY",
      description = "What the URL allows (default: get), and the object")
  List<String> words;

  @Option(
      names = {"--expires-in", "--expires"},
      paramLabel = "SECONDS|DURATION",
      converter = Units.DurationConverter.class,
      defaultValue = "3600",
      description =
          "How long the URL works: seconds (as aws-cli takes them) or 90s, 15m, 12h, 7d; at most 604800 s = 7 days (default: ${DEFAULT-VALUE})")
  Duration expires;

  /** Presigning signs locally; it never connects. */
  @Override
  boolean connects() {
    return false;
  }

  @Override
  int run(ObjectStore store) {
    String method = words.size() == 2 ? words.get(0) : "get";
    S3Location object = S3Location.parseObject(words.get(words.size() - 1));
    if (expires.compareTo(S3ObjectStore.MAX_PRESIGN_EXPIRY) > 0
        || expires.isNegative()
        || expires.isZero()) {
      throw new InvalidInputException(
          "--expires-in: a presigned URL works for 1 to 604800 seconds (7 days), not "
              + expires.toSeconds());
    }
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
