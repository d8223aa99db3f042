package io.sluice.storage.s3;

/**
 * A bucket's versioning state. Once enabled, versioning can only be suspended, never turned off.
 */
public enum VersioningState {
  /** Versioning was never enabled. */
  UNVERSIONED,
  ENABLED,
  /** Enabled once, now suspended: new writes get version id "null", older versions stay. */
  SUSPENDED
}
