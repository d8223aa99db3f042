package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A CLI step that writes objects under one S3 prefix ({@code s3 cp}, {@code s3 sync}): the entries
 * are the objects' keys with the SHA-256 of their content, so a truncated object is an entry the
 * reference lacks; leftovers are pending multipart uploads under the prefix.
 */
final class S3ObjectsCell implements KillCell {

  private final String where;
  private final List<String> args;
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final Map<String, String> env;
  private final boolean atomic;

  private S3ObjectsCell(
      String where, List<String> args, FaultsS3 s3, String prefix, boolean atomic) {
    this.where = where;
    this.args = args;
    this.s3 = s3.client();
    this.bucket = FaultsS3.BUCKET;
    this.prefix = prefix;
    this.env = s3.environment();
    this.atomic = atomic;
  }

  /** {@code s3 cp FILE} to the bucket's {@code cp/}: the one object appears whole or not at all. */
  static S3ObjectsCell copy(FaultsS3 s3, Path file) {
    String to = "s3://" + FaultsS3.BUCKET + "/cp/" + file.getFileName();
    return new S3ObjectsCell(
        "s3 cp -> s3", List.of("s3", "cp", file.toString(), to), s3, "cp/", true);
  }

  /** {@code s3 sync TREE} to the bucket's {@code sync/}: each object whole, some may be missing. */
  static S3ObjectsCell sync(FaultsS3 s3, Path tree) {
    String to = "s3://" + FaultsS3.BUCKET + "/sync/";
    return new S3ObjectsCell(
        "s3 sync -> s3", List.of("s3", "sync", tree.toString(), to), s3, "sync/", false);
  }

  @Override
  public String where() {
    return where;
  }

  @Override
  public boolean atomic() {
    return atomic;
  }

  @Override
  public void reset() {
    for (S3Object object : objects()) {
      s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
    }
    for (MultipartUpload upload : pendingUploads(s3, bucket, prefix)) {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
    }
  }

  @Override
  public SluiceProcess.Builder command() {
    return SluiceProcess.cli(args.toArray(String[]::new)).env(env);
  }

  @Override
  public List<String> visible() throws Exception {
    List<String> entries = new ArrayList<>();
    for (S3Object object : objects()) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (ResponseInputStream<GetObjectResponse> in =
          s3.getObject(b -> b.bucket(bucket).key(object.key()))) {
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          sha.update(buffer, 0, n);
        }
      }
      entries.add(object.key() + " " + HexFormat.of().formatHex(sha.digest()));
    }
    return entries;
  }

  @Override
  public long leftovers() {
    return pendingUploads(s3, bucket, prefix).size();
  }

  private List<S3Object> objects() {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .toList();
  }

  /** Multipart uploads started and neither completed nor aborted. */
  static List<MultipartUpload> pendingUploads(S3Client s3, String bucket, String prefix) {
    return s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads();
  }
}
