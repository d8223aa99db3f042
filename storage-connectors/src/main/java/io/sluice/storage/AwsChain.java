package io.sluice.storage;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The AWS SDK's own default chains for region and credentials, narrowed the way the AWS CLI's
 * {@code --profile} and {@code --region} narrow them: a named profile (else AWS_PROFILE, else
 * {@code default}) is the profile both chains read, and an explicit region wins over everything.
 *
 * <p>The chains end at the instance metadata service (and the credential chain asks a container's
 * endpoint first), which off EC2 costs a connect timeout; so callers resolve only when an AWS
 * service is actually about to be used, and {@code AWS_EC2_METADATA_DISABLED=true} skips it.
 */
public record AwsChain(String profile, String region) {

  /** No profile or region named: the SDK's chains as they are. */
  public static final AwsChain DEFAULT = new AwsChain(null, null);

  /**
   * @param profile the profile to read (null or blank: AWS_PROFILE, else {@code default}); the
   *     named profile, or null
   * @param region the region that wins over every configured one (null or blank: none); the
   *     explicit region, or null
   */
  public AwsChain {
    profile = profile == null || profile.isBlank() ? null : profile.trim();
    region =
        region == null || region.isBlank() ? null : AwsEnvironment.requireRegionName(region.trim());
  }

  /** The chains narrowed to {@code profile} and {@code region} (see the constructor). */
  public static AwsChain of(String profile, String region) {
    return new AwsChain(profile, region);
  }

  /**
   * The explicit region, else the SDK's region chain's (AWS_REGION, system properties, the
   * profile's {@code region} in AWS_CONFIG_FILE or ~/.aws/config, instance metadata); null when
   * none of them has one.
   */
  public String resolveRegion() {
    if (region != null) {
      return region;
    }
    DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
    if (profile != null) {
      chain.profileName(profile);
    }
    try {
      return chain.build().getRegion().id();
    } catch (SdkClientException e) {
      return null;
    }
  }

  /**
   * The SDK's default credential chain (environment, system properties, web identity, SSO,
   * profiles, container, instance profile) reading the named profile.
   */
  public DefaultCredentialsProvider credentialsProvider() {
    DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
    if (profile != null) {
      chain.profileName(profile);
    }
    return chain.build();
  }

  /** Whether {@link #credentialsProvider()} finds credentials anywhere. */
  public boolean findsCredentials() {
    try (DefaultCredentialsProvider chain = credentialsProvider()) {
      return resolves(chain);
    }
  }

  private static boolean resolves(AwsCredentialsProvider provider) {
    try {
      provider.resolveCredentials();
      return true;
    } catch (SdkClientException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "AwsChain{profile=" + profile + ", region=" + region + "}";
  }
}
