package io.sluice.bench;

import io.sluice.storage.StorageConfig;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3ObjectStore;
import io.sluice.storage.s3.TransferListener;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Transfer throughput against the embedded S3 endpoint: our ObjectStore (parallel multipart upload,
 * ranged parallel download) vs. a single-stream PutObject/GetObject with the same SDK; and S3A
 * sequential read throughput vs. reading the same file from file://.
 *
 * <pre>bench/run S3TransferBenchmark [MB=1024] [workdir=target/bench-s3]</pre>
 */
public final class S3TransferBenchmark {

  private static final String BUCKET = "bench";

  public static void main(String[] args) throws Exception {
    long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    Path work = Path.of(args.length > 1 ? args[1] : "target/bench-s3").toAbsolutePath();
    Files.createDirectories(work);
    Path file = work.resolve("random-" + megabytes + "mb.bin");
    if (!Files.exists(file) || Files.size(file) != megabytes << 20) {
      writeRandom(file, megabytes << 20);
    }
    long bytes = Files.size(file);
    Path data = work.resolve("s3-data");
    org.apache.hadoop.fs.FileUtil.fullyDelete(data.toFile());

    try (EmbeddedS3 s3 = EmbeddedS3.start(data, 0);
        S3ObjectStore store = S3ObjectStore.create(s3.storageConfig());
        S3Client single = singleStreamClient(s3)) {
      store.createBucket(BUCKET);
      BenchmarkTimer up = new BenchmarkTimer();
      up.time("single-stream PutObject", () ->
          single.putObject(b -> b.bucket(BUCKET).key("single.bin"), RequestBody.fromFile(file)));
      up.time("ObjectStore.upload (parallel multipart)", () ->
          store.upload(file, BUCKET, "parallel.bin", TransferListener.NONE));
      System.out.println("\nupload");
      up.printRatios("single-stream PutObject", bytes);

      BenchmarkTimer down = new BenchmarkTimer();
      Path singleOut = work.resolve("single-download.bin");
      Path parallelOut = work.resolve("parallel-download.bin");
      Files.deleteIfExists(singleOut);
      Files.deleteIfExists(parallelOut);
      down.time("single-stream GetObject", () ->
          single.getObject(b -> b.bucket(BUCKET).key("parallel.bin"), ResponseTransformer.toFile(singleOut)));
      down.time("ObjectStore.download (ranged parallel)", () ->
          store.download(BUCKET, "parallel.bin", parallelOut, TransferListener.NONE));
      System.out.println("\ndownload");
      down.printRatios("single-stream GetObject", bytes);
      if (Files.mismatch(file, parallelOut) != -1 || Files.mismatch(file, singleOut) != -1) {
        throw new IllegalStateException("downloaded bytes differ from the original");
      }

      BenchmarkTimer read = new BenchmarkTimer();
      Configuration conf = s3.storageConfig().applyTo(new Configuration());
      read.time("file:// read (Hadoop local FS)", () -> drain(new org.apache.hadoop.fs.Path(file.toUri()), conf));
      read.time("s3a:// read (S3A, embedded endpoint)", () ->
          drain(new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/parallel.bin"), conf));
      System.out.println("\nsequential read through Hadoop FileSystem");
      read.printRatios("file:// read (Hadoop local FS)", bytes);
    }
  }

  private static S3Client singleStreamClient(EmbeddedS3 s3) {
    StorageConfig config = s3.storageConfig();
    return S3Client.builder().endpointOverride(URI.create(s3.endpoint().toString())).region(Region.of(config.region()))
        .forcePathStyle(true).credentialsProvider(config.credentials().provider()).build();
  }

  private static long drain(org.apache.hadoop.fs.Path path, Configuration conf) throws Exception {
    byte[] buffer = new byte[1 << 20];
    long total = 0;
    FileSystem fs = path.getFileSystem(conf);
    try (FSDataInputStream in = fs.open(path)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
      }
    }
    return total;
  }

  private static void writeRandom(Path file, long bytes) throws Exception {
    System.out.printf(Locale.ROOT, "writing %d MiB of random bytes to %s%n", bytes >> 20, file);
    SplittableRandom random = new SplittableRandom(1);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < bytes; written += block.length) {
        for (int i = 0; i < block.length; i += 8) {
          long v = random.nextLong();
          for (int j = 0; j < 8; j++) {
            block[i + j] = (byte) (v >>> (8 * j));
          }
        }
        out.write(block, 0, (int) Math.min(block.length, bytes - written));
      }
    }
  }
}
