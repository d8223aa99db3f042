package io.sluice.tests.faults;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
  static Path text(int megabytes) throws IOException {
    return onceText(
        DIR.resolve("text-" + megabytes + "mb.txt"),
        megabytes,
        (out, random) -> {
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
        });
  }

  /** A CSV with a header: order_id (unique), customer, amount, status. */
  static Path orders(int rows) throws IOException {
    return onceText(
        DIR.resolve("orders-" + rows + ".csv"),
        rows,
        (out, random) -> {
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
        });
  }

  /** {@code megabytes} MB of seeded random bytes. */
  static Path binary(String name, int megabytes) throws IOException {
    byte[] block = new byte[1024 * 1024];
    return once(
        DIR.resolve(name),
        name.hashCode(),
        (out, random) -> {
          for (int i = 0; i < megabytes; i++) {
            for (int b = 0; b < block.length; b += 8) {
              long value = random.nextLong();
              for (int k = 0; k < 8; k++) {
                block[b + k] = (byte) (value >>> (8 * k));
              }
            }
            out.write(block);
          }
        });
  }

  /** A directory of {@code files} files of {@code megabytes} MB each, for {@code s3 sync}. */
  static Path tree(int files, int megabytes) throws IOException {
    Path dir = DIR.resolve("tree-" + files + "x" + megabytes + "mb");
    for (int i = 0; i < files; i++) {
      binary(dir.getFileName() + "/part-" + i + ".bin", megabytes);
    }
    return dir;
  }

  /** Writes a file's content from a random source seeded for the file. */
  @FunctionalInterface
  private interface Content<T> {
    void write(T out, SplittableRandom random) throws IOException;
  }

  /** {@link #once} for UTF-8 text. */
  private static Path onceText(Path file, long seed, Content<Writer> content) throws IOException {
    return once(
        file,
        seed,
        (bytes, random) -> {
          Writer out = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
          content.write(out, random);
          out.flush();
        });
  }

  /**
   * The file, written the first time it is asked for: to a partial file beside it, then moved into
   * place, so a run killed while writing leaves no half file under the name.
   */
  private static synchronized Path once(Path file, long seed, Content<OutputStream> content)
      throws IOException {
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(partial)) {
      content.write(out, new SplittableRandom(seed));
    }
    return Files.move(partial, file);
  }
}
