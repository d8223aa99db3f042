package io.sluice.storage.s3;

/** What an SDK call was about, for the exception it may become (see {@link S3ErrorTranslator}). */
record S3Operation(String action, String bucket, String key, String versionId, String feature) {

  static S3Operation bucket(String action, String bucket) {
    return new S3Operation(action, bucket, null, null, null);
  }

  static S3Operation object(String action, String bucket, String key) {
    return new S3Operation(action, bucket, key, null, null);
  }

  S3Operation version(String id) {
    return new S3Operation(action, bucket, key, id, feature);
  }

  S3Operation feature(String name) {
    return new S3Operation(action, bucket, key, versionId, name);
  }

  String target() {
    if (bucket == null) {
      return "";
    }
    return key == null
        ? " bucket '" + bucket + "'"
        : " s3://" + bucket + "/" + key + (versionId == null ? "" : " (version " + versionId + ")");
  }
}
