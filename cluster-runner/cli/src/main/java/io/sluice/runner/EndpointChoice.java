package io.sluice.runner;

import io.sluice.storage.AwsChain;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Which endpoint a command talks to, decided the same way for S3 and DynamoDB: an endpoint option
 * naming a URL wins; the option {@code embedded} means the embedded server; with no endpoint given
 * or configured, the embedded server serves only when the SDK's whole credential chain finds
 * nothing; otherwise the environment's endpoint, else AWS.
 */
public enum EndpointChoice {
  /** The URL the option names. */
  GIVEN,
  /** The embedded server over the local data directory, because the option asked for it. */
  EMBEDDED,
  /** The embedded server, because no AWS credentials exist anywhere the SDK looks. */
  EMBEDDED_WITHOUT_CREDENTIALS,
  /** The endpoint the environment configures, else AWS's. */
  CONFIGURED;

  /** The option value that asks for the embedded server. */
  public static final String EMBEDDED_VALUE = "embedded";

  /** Where the SDK's default credential chain looks, in its order, for the notice. */
  static final String CHAIN_SOURCES =
      "env, profile, SSO, web identity, container, instance profile";

  /**
   * @param option the endpoint option's value, or null when it is not given
   * @param embeddedUnlessCredentials whether, with no endpoint given or configured, the embedded
   *     server serves unless AWS credentials exist
   * @param aws the chain the credentials are looked for in (consulted only when it decides)
   */
  public static EndpointChoice of(
      String option, boolean embeddedUnlessCredentials, Map<String, String> env, AwsChain aws) {
    if (option != null && !option.equalsIgnoreCase(EMBEDDED_VALUE)) {
      return GIVEN;
    }
    if (EMBEDDED_VALUE.equalsIgnoreCase(option)) {
      return EMBEDDED;
    }
    return embeddedUnlessCredentials && !hasAwsCredentials(env, aws)
        ? EMBEDDED_WITHOUT_CREDENTIALS
        : CONFIGURED;
  }

  public boolean embedded() {
    return this == EMBEDDED || this == EMBEDDED_WITHOUT_CREDENTIALS;
  }

  /**
   * Whether AWS credentials exist: keys in {@code env} (cheap, and what tests pass), else whatever
   * the SDK's default chain finds, reading {@code aws}'s profile.
   */
  public static boolean hasAwsCredentials(Map<String, String> env, AwsChain aws) {
    String key = env.get("AWS_ACCESS_KEY_ID");
    return (key != null && !key.isBlank()) || aws.findsCredentials();
  }

  /**
   * Tells the user, on {@code err}, that the embedded {@code server} serves {@code endpoint}: one
   * line on stderr when no credentials decided it, else an INFO line on the caller's logger.
   */
  public void announceEmbedded(
      PrintWriter err, Logger log, String server, URI endpoint, Path dataDir) {
    if (this == EMBEDDED_WITHOUT_CREDENTIALS) {
      err.println(
          "sluice: no AWS credentials found ("
              + CHAIN_SOURCES
              + "); using the embedded "
              + server
              + " at "
              + endpoint
              + " over "
              + dataDir
              + "; pass --endpoint-url to choose");
      err.flush();
    } else {
      log.info("using the embedded {} {} over {}", server, endpoint, dataDir);
    }
  }
}
