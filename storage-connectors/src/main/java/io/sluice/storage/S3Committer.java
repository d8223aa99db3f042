package io.sluice.storage;

/**
 * The S3A output committer jobs use on S3. Both write task output as pending multipart uploads and
 * make it visible only at job commit, so no rename (a copy on S3) is ever part of a commit.
 */
public enum S3Committer {
  /**
   * Tasks stage output on local disk and upload it at task commit; the job commit completes the
   * uploads. Works with any S3-compatible store; the default.
   */
  DIRECTORY("directory"),
  /**
   * Tasks write straight to S3 under {@code __magic} paths; needs a store with full multipart
   * support.
   */
  MAGIC("magic");

  private final String s3aName;

  S3Committer(String s3aName) {
    this.s3aName = s3aName;
  }

  public String s3aName() {
    return s3aName;
  }
}
