package io.sluice.storage;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a client of one AWS service (or of a compatible local server) needs to reach it: the
 * endpoint (null: AWS's own for the region), the region and the credentials that sign requests. The
 * S3 configuration ({@link StorageConfig}) and the DynamoDB one extend it with their own settings,
 * so both read the environment and validate these three the same way.
 */
public abstract class AwsServiceConfig {

  private final URI endpoint;
  private final String region;
  private final S3Credentials credentials;

  protected AwsServiceConfig(Builder<?> b) {
    this.endpoint = b.endpoint;
    this.region = b.region;
    this.credentials = Objects.requireNonNull(b.credentials, "credentials");
  }

  /**
   * Parses {@code text} as an {@code http(s)://host[:port]} URL. {@code malformed} makes the
   * exception for text that is no URI (given the parser's reason), {@code notHttp} for any other
   * URI; each service names its own endpoint in them.
   */
  protected static URI parseHttpUrl(
      String text,
      Function<String, RuntimeException> malformed,
      Supplier<RuntimeException> notHttp) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw malformed.apply(e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw notHttp.get();
    }
    return uri;
  }

  /** Null means AWS's own endpoint for the region. */
  public URI endpoint() {
    return endpoint;
  }

  /** The region; us-east-1 when none was configured. */
  public String region() {
    return region == null ? "us-east-1" : region;
  }

  public S3Credentials credentials() {
    return credentials;
  }

  /**
   * Sets the endpoint, region and credentials, validating each as it is set; {@code B} is the
   * subclass.
   */
  public abstract static class Builder<B extends Builder<B>> {
    private final Function<String, URI> endpointParser;
    private URI endpoint;
    private String region;
    private S3Credentials credentials = S3Credentials.defaultChain();

    /**
     * @param endpointParser the service's own endpoint parser, naming the service when the text is
     *     not an endpoint URL
     */
    protected Builder(Function<String, URI> endpointParser) {
      this.endpointParser = Objects.requireNonNull(endpointParser, "endpointParser");
    }

    /** This builder, typed as the subclass ({@code B} is the subclass by contract). */
    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    private URI parseEndpoint(String text) {
      return endpointParser.apply(text);
    }

    public B endpoint(URI endpoint) {
      this.endpoint = endpoint == null ? null : parseEndpoint(endpoint.toString());
      return self();
    }

    public B region(String region) {
      this.region = region == null ? null : AwsEnvironment.requireRegionName(region);
      return self();
    }

    public B credentials(S3Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return self();
    }

    /**
     * Takes the endpoint, region and credentials {@code aws} holds; what it lacks stays as it was.
     */
    public B environment(AwsEnvironment aws) {
      if (aws.endpoint() != null) {
        endpoint(parseEndpoint(aws.endpoint()));
      }
      if (aws.region() != null) {
        region(aws.region());
      }
      if (aws.credentials() != null) {
        credentials(aws.credentials());
      }
      return self();
    }

    /**
     * Applies the command line's {@code --profile} and {@code --region} after the environment, as
     * the AWS CLI does: a named profile signs the requests, a named region wins over every other.
     */
    public B chain(AwsChain aws) {
      if (aws.profile() != null) {
        credentials(S3Credentials.profile(aws.profile()));
      }
      if (aws.region() != null) {
        region(aws.region());
      }
      return self();
    }

    /**
     * With no region configured yet, takes the one the SDK's region chain finds (the profile's,
     * instance metadata's); call it only when the service is about to be used, as it may ask the
     * instance metadata service.
     */
    public B regionFromChain(AwsChain aws) {
      if (region == null) {
        String found = aws.resolveRegion();
        if (found != null) {
          region(found);
        }
      }
      return self();
    }

    /**
     * Takes the endpoint, region (as configured, perhaps none) and credentials of {@code config}.
     */
    public B copyOf(AwsServiceConfig config) {
      this.endpoint = config.endpoint;
      this.region = config.region;
      this.credentials = config.credentials;
      return self();
    }
  }
}
