package io.sluice.kv;

import io.sluice.errors.InvalidInputException;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Input records as DynamoDB items, read through the Hadoop FileSystem API (so paths, file://,
 * hdfs:// and s3:// all work): Parquet files, or CSV files with a header row. A directory is read
 * file by file in name order, skipping names that start with {@code _} or {@code .} (markers,
 * checksums); its files must all be of one format.
 */
public interface ItemSource extends AutoCloseable {

  /** The column names, in input order. */
  List<String> columns();

  /**
   * The natural key type of a column: N for numeric Parquet columns, B for binaries, S otherwise.
   */
  KeyType keyType(String column);

  /**
   * The next record, or null after the last. Records that cannot be converted come back as bad
   * rows.
   */
  SourceRow next() throws IOException;

  /** Total size of the input files in bytes. */
  long bytes();

  /** The input as the user named it. */
  String describe();

  @Override
  void close() throws IOException;

  /** The input formats, told apart by content: Parquet files start with "PAR1". */
  enum Format {
    PARQUET,
    CSV
  }

  /** Opens a file or directory; {@link InvalidInputException} names what is wrong with it. */
  static ItemSource open(String location, Configuration conf) {
    StorageUri uri = StorageUri.parse(location);
    Path path = uri.toHadoopPath();
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new InvalidInputException("input " + location + " does not exist");
      }
      List<FileStatus> files = new ArrayList<>();
      FileStatus status = fs.getFileStatus(path);
      if (status.isDirectory()) {
        FileStatus[] children =
            fs.listStatus(path, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
        Arrays.sort(children, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        for (FileStatus c : children) {
          if (c.isFile() && c.getLen() > 0) {
            files.add(c);
          }
        }
        if (files.isEmpty()) {
          throw new InvalidInputException("input directory " + location + " has no data files");
        }
      } else {
        files.add(status);
      }
      Format format = null;
      for (FileStatus f : files) {
        Format each = detect(fs, f);
        if (format != null && each != format) {
          throw new InvalidInputException(
              "input directory "
                  + location
                  + " mixes formats: "
                  + f.getPath().getName()
                  + " is "
                  + each
                  + ", earlier files are "
                  + format);
        }
        format = each;
      }
      return format == Format.PARQUET
          ? new ParquetItemSource(location, fs, files, conf)
          : new CsvItemSource(location, fs, files);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read input " + location + ": " + e.getMessage(), e);
    }
  }

  private static Format detect(FileSystem fs, FileStatus file) throws IOException {
    byte[] magic = new byte[4];
    try (InputStream in = fs.open(file.getPath())) {
      int n = in.readNBytes(magic, 0, 4);
      return n == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == '1'
          ? Format.PARQUET
          : Format.CSV;
    }
  }
}
