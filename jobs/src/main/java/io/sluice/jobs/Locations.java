package io.sluice.jobs;

import io.sluice.storage.StorageUri;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Checks and measures of input and output locations shared by every job. */
public final class Locations {

  private Locations() {}

  /**
   * Fails with {@link InputNotFoundException} naming the parameter unless the location exists;
   * returns its size in bytes.
   */
  public static long requireInput(String parameter, StorageUri location, Configuration conf) {
    Path path = location.toHadoopPath();
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new InputNotFoundException(parameter, location.original());
      }
      return totalBytes(path, fs);
    } catch (IOException e) {
      throw new BadInputException(
          "cannot read --" + parameter + " " + location.original() + ": " + e.getMessage(), e);
    }
  }

  static long totalBytes(Path path, FileSystem fs) {
    try {
      return fs.getContentSummary(path).getLength();
    } catch (IOException e) {
      throw new SluiceJobException("cannot measure " + path + ": " + e.getMessage(), e);
    }
  }
}
