package io.sluice.kv;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * What the item sources that read a list of files one after the other share: the input as the user
 * named it, its files and their total size, and the reader of the file being read ({@code R}).
 */
abstract class FileItemSource<R extends Closeable> implements ItemSource {

  protected final String location;
  protected final FileSystem fs;
  protected final List<FileStatus> files;
  private final long bytes;
  private int fileIndex = -1;

  /** The name of the file being read, for the places named in bad rows. */
  protected String fileName;

  /** The reader of the file being read; null once closed. */
  protected R reader;

  FileItemSource(String location, FileSystem fs, List<FileStatus> files) {
    this.location = location;
    this.fs = fs;
    this.files = files;
    this.bytes = files.stream().mapToLong(FileStatus::getLen).sum();
  }

  /** Closes the file being read and moves to the next one: it, or null after the last. */
  protected FileStatus advance() throws IOException {
    close();
    fileIndex++;
    if (fileIndex >= files.size()) {
      return null;
    }
    FileStatus file = files.get(fileIndex);
    fileName = file.getPath().getName();
    return file;
  }

  @Override
  public long bytes() {
    return bytes;
  }

  @Override
  public String describe() {
    return location;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
