package io.sluice.runner;

import java.util.Map;

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
}
