package io.sluice.bench;

import io.sluice.storage.StorageConfig;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3ObjectStore;
import io.sluice.storage.s3.TransferListener;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * 1 GiB up and down against the embedded S3 endpoint (S3Proxy, filesystem backend), four ways: one
 * PutObject/GetObject stream on the sync client (the reference), {@link S3ObjectStore} (since issue
 * 15 the SDK's uploads and our ranged downloads), and the SDK's {@link S3TransferManager} on the
 * Java multipart {@link S3AsyncClient} and on the CRT-based one, all with 8 MiB parts above 16 MiB.
 * One warm-up round on a small file, then {@code RUNS} rounds; each one's median is printed as a
 * ratio to the single stream's median of the same run. Every download is compared with the source.
 * The files live in a temporary directory on disk that is deleted at the end.
 *
 * <pre>bench/run S3TransferBenchmark [MB=1024] [RUNS=3]</pre>
 */
public final class S3TransferBenchmark {

  private static final String BUCKET = "bench";
  private static final long MIB = 1L << 20;
  private static final long WARM_UP_MB = 64;
  private static final String SINGLE = "single stream";
  private static final String OURS = "ObjectStore";
  private static final String SDK_JAVA = "S3TransferManager, Java";
  private static final String SDK_CRT = "S3TransferManager, CRT";

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    long megabytes = options.longNumber(0, 1024);
    int runs = options.intNumber(1, 3);
    Path work = Files.createTempDirectory("sluice-bench-s3");
    try {
      run(work, megabytes, runs);
    } finally {
      deleteTree(work);
    }
  }

  private static void run(Path work, long megabytes, int runs) throws Exception {
    Path warmUp = writeRandom(work.resolve("warm-up.bin"), WARM_UP_MB * MIB);
    Path file = writeRandom(work.resolve("random.bin"), megabytes * MIB);
    Map<String, List<Double>> up = new LinkedHashMap<>();
    Map<String, List<Double>> down = new LinkedHashMap<>();
    try (EmbeddedS3 s3 = EmbeddedS3.start(work.resolve("s3-data"), 0);
        S3ObjectStore store = S3ObjectStore.create(s3.storageConfig());
        S3Client single =
            S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(s3.storageConfig().credentials().provider())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        S3AsyncClient javaAsync = javaMultipartClient(s3.storageConfig(), s3.endpoint());
        S3TransferManager javaManager = S3TransferManager.builder().s3Client(javaAsync).build();
        S3AsyncClient crtAsync = crtClient(s3.storageConfig(), s3.endpoint());
        S3TransferManager crtManager = S3TransferManager.builder().s3Client(crtAsync).build()) {
      store.createBucket(BUCKET);
      List<Transfer> transfers =
          List.of(
              new Transfer(
                  SINGLE,
                  (f, key) ->
                      single.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(f)),
                  (key, f) ->
                      single.getObject(
                          b -> b.bucket(BUCKET).key(key), ResponseTransformer.toFile(f))),
              new Transfer(
                  OURS,
                  (f, key) -> store.upload(f, BUCKET, key, TransferListener.NONE),
                  (key, f) -> store.download(BUCKET, key, f, TransferListener.NONE)),
              transferManager(SDK_JAVA, javaManager),
              transferManager(SDK_CRT, crtManager));
      System.out.printf(Locale.ROOT, "warm-up: %d MiB each way%n", WARM_UP_MB);
      for (Transfer t : transfers) {
        round(transfers.get(0), t, warmUp, work, new LinkedHashMap<>(), new LinkedHashMap<>());
      }
      for (int run = 1; run <= runs; run++) {
        System.out.printf(Locale.ROOT, "run %d of %d: %d MiB each way%n", run, runs, megabytes);
        for (Transfer t : transfers) {
          round(transfers.get(0), t, file, work, up, down);
        }
      }
    }
    long bytes = megabytes * MIB;
    print("upload", up, bytes);
    print("download", down, bytes);
  }

  /** The SDK's Java multipart client, with ObjectStore's default part size and threshold. */
  private static S3AsyncClient javaMultipartClient(StorageConfig config, URI endpoint) {
    return S3AsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(config.region()))
        .forcePathStyle(true)
        .credentialsProvider(config.credentials().provider())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        // S3Proxy answers CompleteMultipartUpload with 501 when it carries this (optional) header.
        .overrideConfiguration(
            o ->
                o.addExecutionInterceptor(
                    new ExecutionInterceptor() {
                      @Override
                      public SdkHttpRequest modifyHttpRequest(
                          Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                        return context.httpRequest().toBuilder()
                            .removeHeader("x-amz-mp-object-size")
                            .build();
                      }
                    }))
        .multipartEnabled(true)
        .multipartConfiguration(m -> m.thresholdInBytes(16 * MIB).minimumPartSizeInBytes(8 * MIB))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(16))
        .build();
  }

  /** The SDK's CRT-based client (native; ranged GETs), with the same part size and threshold. */
  private static S3AsyncClient crtClient(StorageConfig config, URI endpoint) {
    return S3AsyncClient.crtBuilder()
        .endpointOverride(endpoint)
        .region(Region.of(config.region()))
        .forcePathStyle(true)
        .credentialsProvider(config.credentials().provider())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .thresholdInBytes(16 * MIB)
        .minimumPartSizeInBytes(8 * MIB)
        .build();
  }

  private static Transfer transferManager(String name, S3TransferManager manager) {
    return new Transfer(
        name,
        (f, key) ->
            manager
                .uploadFile(u -> u.source(f).putObjectRequest(p -> p.bucket(BUCKET).key(key)))
                .completionFuture()
                .join(),
        (key, f) ->
            manager
                .downloadFile(
                    d -> d.destination(f).getObjectRequest(g -> g.bucket(BUCKET).key(key)))
                .completionFuture()
                .join());
  }

  /**
   * One upload and one download of {@code file}, timed, checked against the source, then removed.
   */
  private static void round(
      Transfer transfers0,
      Transfer t,
      Path file,
      Path work,
      Map<String, List<Double>> up,
      Map<String, List<Double>> down)
      throws Exception {
    String key = "object.bin";
    Path copy = work.resolve("downloaded.bin");
    Files.deleteIfExists(copy);
    double upSeconds = attempt(t.name + " upload", () -> t.upload.run(file, key));
    if (Double.isNaN(upSeconds)) {
      // Still give the download something to fetch: the same bytes, written in one PUT.
      transfers0.upload.run(file, key);
    }
    double downSeconds = attempt(t.name + " download", () -> t.download.run(key, copy));
    if (!Double.isNaN(downSeconds) && Files.mismatch(file, copy) != -1) {
      throw new IllegalStateException(
          t.name + ": the downloaded bytes differ from the uploaded file");
    }
    up.computeIfAbsent(t.name, n -> new ArrayList<>()).add(upSeconds);
    down.computeIfAbsent(t.name, n -> new ArrayList<>()).add(downSeconds);
    Files.deleteIfExists(copy);
    System.out.printf(
        Locale.ROOT,
        "  %-28s up %6.1f s  down %6.1f s%n",
        t.name,
        last(up.get(t.name)),
        last(down.get(t.name)));
  }

  private static void print(String direction, Map<String, List<Double>> seconds, long bytes) {
    double reference = median(seconds.get(SINGLE));
    System.out.printf(
        Locale.ROOT,
        "%n%s, median of %d runs%n%-28s %10s %10s %18s%n",
        direction,
        seconds.get(SINGLE).size(),
        "run",
        "seconds",
        "MiB/s",
        "vs " + SINGLE);
    seconds.forEach(
        (name, times) -> {
          double s = median(times);
          System.out.printf(
              Locale.ROOT,
              "%-28s %10.1f %10.1f %17.2fx%n",
              name,
              s,
              bytes / (double) MIB / s,
              s / reference);
        });
  }

  /**
   * Seconds one transfer took, or NaN where the embedded endpoint refused the way the client
   * transfers (the Java multipart client downloads with GET ?partNumber=N, which S3Proxy does not
   * implement); the reason is printed.
   */
  private static double attempt(String what, Step step) throws Exception {
    try {
      return seconds(step);
    } catch (CompletionException e) {
      System.out.printf(Locale.ROOT, "  %s failed: %s%n", what, e.getCause());
      return Double.NaN;
    }
  }

  private static double seconds(Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double last(List<Double> values) {
    return values.get(values.size() - 1);
  }

  private static Path writeRandom(Path file, long bytes) throws Exception {
    SplittableRandom random = new SplittableRandom(1);
    byte[] block = new byte[(int) MIB];
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
    return file;
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private interface Upload {
    void run(Path file, String key) throws Exception;
  }

  private interface Download {
    void run(String key, Path file) throws Exception;
  }

  private record Transfer(String name, Upload upload, Download download) {}
}
