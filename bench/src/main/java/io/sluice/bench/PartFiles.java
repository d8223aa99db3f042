package io.sluice.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** A job output's {@code part-*} files, which the benchmarks measure and compare. */
final class PartFiles {

  private PartFiles() {}

  /** The part files of {@code dir}, in name order. */
  static List<Path> of(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  static long bytes(Path dir) throws IOException {
    long total = 0;
    for (Path p : of(dir)) {
      total += Files.size(p);
    }
    return total;
  }

  /**
   * The SHA-256 of the part files concatenated in name order: equal digests mean byte-identical
   * outputs, whatever engine wrote them.
   */
  static String digest(Path dir) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Path part : of(dir)) {
      try (InputStream in = Files.newInputStream(part);
          OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
        in.transferTo(sink);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Every {@code part-*} file anywhere under {@code directory} (nested partitions too; rejected
   * lines under {@code _*} aside), by relative path, concatenated.
   */
  static byte[] concatenatedUnder(Path directory) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    List<Path> found;
    try (Stream<Path> walk = Files.walk(directory)) {
      found =
          walk.filter(p -> p.getFileName().toString().startsWith("part-"))
              .filter(p -> !directory.relativize(p).toString().startsWith("_"))
              .sorted(Comparator.comparing(p -> directory.relativize(p).toString()))
              .toList();
    }
    for (Path part : found) {
      all.write(Files.readAllBytes(part));
    }
    return all.toByteArray();
  }
}
