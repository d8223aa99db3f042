package io.sluice.runner;

import io.sluice.storage.AwsChain;
import io.sluice.storage.AwsEnvironment;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The AWS CLI's own flags, {@code --profile} and {@code --region}, for every command that reaches
 * S3 or DynamoDB; each service's mixin adds {@code --endpoint-url} with its older name as an alias
 * ({@link S3EndpointOptions}, the kv commands' {@code KvOptions}).
 */
public abstract class AwsOptions {

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "AWS profile whose credentials and region to use, from AWS_CONFIG_FILE"
              + " (~/.aws/config) and AWS_SHARED_CREDENTIALS_FILE (default: AWS_PROFILE, else 'default')")
  String profile;

  @Option(
      names = "--region",
      paramLabel = "NAME",
      converter = RegionName.class,
      description =
          "AWS region, e.g. eu-west-1 (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region,"
              + " instance metadata, else us-east-1)")
  String region;

  /** The endpoint option's value: a URL, {@code embedded}, or null when not given. */
  public abstract String endpoint();

  /**
   * The SDK's region and credential chains as {@code --profile} and {@code --region} narrow them.
   */
  public AwsChain chain() {
    return AwsChain.of(profile, region);
  }

  /** Reads {@code --region}, naming the problem when the value is no region name. */
  static final class RegionName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return AwsEnvironment.requireRegionName(value.trim());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
