package io.sluice.runner.pipeline;

import io.sluice.jobs.BadInputException;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/** The upload step: copies files or directories between storages through Hadoop's file systems. */
final class FileUpload {

  private FileUpload() {}

  static StepResult copy(PipelineStep.Upload u, Configuration conf) {
    org.apache.hadoop.fs.Path from = StorageUri.parse(u.from()).toHadoopPath();
    org.apache.hadoop.fs.Path to = StorageUri.parse(u.to()).toHadoopPath();
    long files = 0;
    long bytes = 0;
    try {
      FileSystem src = from.getFileSystem(conf);
      FileSystem dst = to.getFileSystem(conf);
      FileStatus root = src.getFileStatus(from);
      List<FileStatus> sources = new ArrayList<>();
      if (root.isFile()) {
        sources.add(root);
      } else if (u.include().isEmpty()) {
        sources.add(root);
      } else {
        for (String name : u.include()) {
          sources.add(src.getFileStatus(new org.apache.hadoop.fs.Path(from, name)));
        }
      }
      String base = src.makeQualified(root.isFile() ? from.getParent() : from).toUri().getPath();
      for (FileStatus s : sources) {
        List<FileStatus> leaves = new ArrayList<>();
        if (s.isFile()) {
          leaves.add(s);
        } else {
          RemoteIterator<LocatedFileStatus> it = src.listFiles(s.getPath(), true);
          while (it.hasNext()) {
            leaves.add(it.next());
          }
        }
        for (FileStatus f : leaves) {
          String relative =
              src.makeQualified(f.getPath())
                  .toUri()
                  .getPath()
                  .substring(base.length())
                  .replaceFirst("^/", "");
          org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(to, relative);
          try (InputStream in = src.open(f.getPath());
              OutputStream out = dst.create(target, true)) {
            bytes += in.transferTo(out);
          }
          files++;
        }
      }
    } catch (java.io.FileNotFoundException e) {
      throw new BadInputException("upload: " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException(
          "upload " + u.from() + " -> " + u.to() + ": " + e.getMessage(), e);
    }
    return new StepResult(
        u.name(),
        u.kind(),
        files,
        files,
        0,
        files,
        bytes,
        bytes,
        Duration.ZERO,
        String.format(Locale.ROOT, "uploaded %d file(s) to %s", files, u.to()),
        null);
  }
}
