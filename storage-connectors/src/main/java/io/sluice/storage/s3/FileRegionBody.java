package io.sluice.storage.s3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * A request body that streams a region of a file with positional reads, so parallel parts share
 * one channel and no part is ever held in memory. The SDK may open the stream again to retry a
 * request; the bytes the abandoned attempt reported are then taken back from the progress.
 */
final class FileRegionBody implements ContentStreamProvider {

  private final Path file;
  private final FileChannel channel;
  private final long offset;
  private final long length;
  private final Progress progress;
  private long reported;

  private FileRegionBody(Path file, FileChannel channel, long offset, long length, Progress progress) {
    this.file = file;
    this.channel = channel;
    this.offset = offset;
    this.length = length;
    this.progress = progress;
  }

  static RequestBody of(Path file, FileChannel channel, long offset, long length, String contentType, Progress progress) {
    return RequestBody.fromContentProvider(new FileRegionBody(file, channel, offset, length, progress), length, contentType);
  }

  @Override
  public synchronized InputStream newStream() {
    progress.add(-reported);
    reported = 0;
    return new RegionStream();
  }

  private synchronized void count(int n) {
    reported += n;
    progress.add(n);
  }

  private final class RegionStream extends InputStream {
    private long position = offset;
    private final long end = offset + length;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (position >= end) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int want = (int) Math.min(len, end - position);
      int n = channel.read(ByteBuffer.wrap(buffer, off, want), position);
      if (n < 0) {
        // The file shrank under the upload: fail rather than send fewer bytes than announced.
        throw new EOFException(file + " ended at byte " + position + " while " + end + " were expected (it changed during the upload)");
      }
      position += n;
      count(n);
      return n;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
  }
}
