package io.sluice.tests.faults;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Deterministic inputs for the steps, written once under target/faults-input and reused. */
final class Inputs {

  static final Path DIR = Path.of("target", "faults-input").toAbsolutePath();
  private static final String[] WORDS = {
    "river", "mill", "stone", "water", "wheel", "grain", "flour", "bank", "bridge", "weir",
    "sluice", "gate", "eel", "reed", "willow", "heron", "barge", "lock", "towpath", "meadow"
  };

  private Inputs() {}

  /** About {@code megabytes} MB of text, words from a small vocabulary plus numbered ones. */
  static synchronized Path text(int megabytes) throws IOException {
    Path file = DIR.resolve("text-" + megabytes + "mb.txt");
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(DIR);
    SplittableRandom random = new SplittableRandom(megabytes);
    Path partial = DIR.resolve(file.getFileName() + ".tmp");
    try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      long written = 0;
      while (written < megabytes * 1024L * 1024) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 12; i++) {
          line.append(i == 0 ? "" : " ")
              .append(
                  random.nextInt(4) == 0
                      ? "w" + random.nextInt(50_000)
                      : WORDS[random.nextInt(WORDS.length)]);
        }
        out.write(line.append('\n').toString());
        written += line.length();
      }
    }
    return Files.move(partial, file);
  }

  /** A CSV with a header: order_id (unique), customer, amount, status. */
  static synchronized Path orders(int rows) throws IOException {
    Path file = DIR.resolve("orders-" + rows + ".csv");
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(DIR);
    SplittableRandom random = new SplittableRandom(rows);
    Path partial = DIR.resolve(file.getFileName() + ".tmp");
    try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      out.write("order_id,customer,amount,status\n");
      for (int i = 1; i <= rows; i++) {
        out.write(
            i
                + ",c"
                + random.nextInt(1000)
                + ","
                + random.nextInt(100_000) / 100.0
                + ","
                + (random.nextBoolean() ? "open" : "shipped")
                + "\n");
      }
    }
    return Files.move(partial, file);
  }

  /** {@code megabytes} MB of seeded random bytes. */
  static synchronized Path binary(String name, int megabytes) throws IOException {
    Path file = DIR.resolve(name);
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(file.getParent());
    SplittableRandom random = new SplittableRandom(name.hashCode());
    byte[] block = new byte[1024 * 1024];
    Path partial = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(partial)) {
      for (int i = 0; i < megabytes; i++) {
        for (int b = 0; b < block.length; b += 8) {
          long value = random.nextLong();
          for (int k = 0; k < 8; k++) {
            block[b + k] = (byte) (value >>> (8 * k));
          }
        }
        out.write(block);
      }
    }
    return Files.move(partial, file);
  }

  /** A directory of {@code files} files of {@code megabytes} MB each, for {@code s3 sync}. */
  static synchronized Path tree(int files, int megabytes) throws IOException {
    Path dir = DIR.resolve("tree-" + files + "x" + megabytes + "mb");
    for (int i = 0; i < files; i++) {
      binary(dir.getFileName() + "/part-" + i + ".bin", megabytes);
    }
    return dir;
  }
}
