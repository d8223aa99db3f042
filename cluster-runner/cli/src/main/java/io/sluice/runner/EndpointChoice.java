package io.sluice.runner;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Which endpoint a command talks to, decided the same way for S3 and DynamoDB: an endpoint option
 * naming a URL wins; the option {@code embedded}, or no endpoint configured and no AWS credentials
 * anywhere, means the embedded server; otherwise the environment's endpoint, else AWS. The one
 * place an endpoint-option mixin (URL, later profile and region) would consult.
 */
public enum EndpointChoice {
  /** The URL the option names. */
  GIVEN,
  /** The embedded server over the local data directory. */
  EMBEDDED,
  /** The endpoint the environment configures, else AWS's. */
  CONFIGURED;

  /** The option value that asks for the embedded server. */
  public static final String EMBEDDED_VALUE = "embedded";

  /**
   * @param option the endpoint option's value, or null when it is not given
   * @param embeddedUnlessCredentials whether, with no endpoint given or configured, the embedded
   *     server serves unless AWS credentials exist
   */
  public static EndpointChoice of(
      String option, boolean embeddedUnlessCredentials, Map<String, String> env) {
    if (option != null && !option.equalsIgnoreCase(EMBEDDED_VALUE)) {
      return GIVEN;
    }
    boolean embedded =
        EMBEDDED_VALUE.equalsIgnoreCase(option)
            || (embeddedUnlessCredentials && !StorageOptions.hasAwsCredentials(env));
    return embedded ? EMBEDDED : CONFIGURED;
  }

  /** Logs, at INFO on the caller's logger, that the embedded {@code server} serves {@code dir}. */
  public static void logEmbedded(
      Logger log, String service, String server, URI endpoint, Path dataDir) {
    log.info(
        "no {} endpoint or AWS credentials configured: using the embedded {} {} over {}",
        service,
        server,
        endpoint,
        dataDir);
  }
}
