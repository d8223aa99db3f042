package io.sluice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ahocorasick.trie.Trie;

/**
 * The secret scan's multi-pattern search ({@code io.sluice.testing.MultiSearch}, Wu-Manber over
 * 2-byte blocks, package-private, reached by reflection) against the Aho-Corasick library {@code
 * org.ahocorasick:ahocorasick} 0.6.3 (the reference), on the same bytes: what an image layer and
 * the registry's blobs hold, the jars of the CLI's runtime classpath, read into memory file by file
 * until MB megabytes, with a few of the forms planted at known places. The forms are
 * RegistryAuthIT's: three secrets and one user, raw, URL-encoded, base64 and base64 of {@code
 * user:secret} (9 distinct forms). The library searches characters: it gets each file's bytes as a
 * zero-copy ISO-8859-1 {@link CharSequence} view ("view"), and as {@code new String(bytes,
 * ISO_8859_1)} ("string", the copy included). Every searcher must find the same forms in the same
 * files. The best of ROUNDS runs counts (wall, and CPU of the searching thread), after a warm-up.
 *
 * <pre>bench/run MultiSearchBenchmark [MB=400] [rounds=3]</pre>
 *
 * Run it with the tests' JVM flags too: {@code BENCH_JAVA_OPTS="-Xmx2g -XX:TieredStopAtLevel=1
 * -XX:+UseSerialGC"} (the scan runs in C1-only test JVMs).
 */
public final class MultiSearchBenchmark {

  private static final String REFERENCE = "ahocorasick 0.6.3, view";
  private static final String LIBRARY_COPY = "ahocorasick 0.6.3, string";
  private static final String OURS = "MultiSearch (Wu-Manber)";

  @FunctionalInterface
  private interface Searcher {
    /** The indexes of the forms found in {@code data}. */
    BitSet find(byte[] data) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    long megabytes = options.longNumber(0, 400);
    int rounds = options.intNumber(1, 3);

    List<String> forms = registryAuthForms();
    List<byte[]> files = jarBytes(megabytes * 1_000_000L);
    // Plant forms 1, 4 and 8 (0-based) in three files, so a search that misses one shows.
    plant(files.get(files.size() / 3), forms.get(1));
    plant(files.get(files.size() / 2), forms.get(4));
    plant(files.get(files.size() - 1), forms.get(8));
    long bytes = files.stream().mapToLong(f -> f.length).sum();
    System.out.printf(
        Locale.ROOT,
        "%d files of the CLI's runtime classpath, %.1f MiB; %d forms of 3 secrets, %d to %d"
            + " bytes long%n",
        files.size(),
        bytes / 1048576.0,
        forms.size(),
        forms.stream().mapToInt(String::length).min().orElse(0),
        forms.stream().mapToInt(String::length).max().orElse(0));

    Map<String, Searcher> searchers = new LinkedHashMap<>();
    searchers.put(REFERENCE, library(forms, true));
    searchers.put(LIBRARY_COPY, library(forms, false));
    searchers.put(OURS, ours(forms));

    BestOfRounds best = new BestOfRounds();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<BitSet> expected = null;
    for (int round = 0; round <= rounds; round++) {
      for (Map.Entry<String, Searcher> s : searchers.entrySet()) {
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        List<BitSet> found = new ArrayList<>(files.size());
        for (byte[] file : files) {
          found.add(s.getValue().find(file));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (expected == null) {
          expected = found;
          if (found.stream().mapToInt(BitSet::cardinality).sum() < 3) {
            throw new IllegalStateException(s.getKey() + " missed a planted form: " + found);
          }
        } else if (!expected.equals(found)) {
          throw new IllegalStateException(s.getKey() + " found other forms than the reference");
        }
        System.out.printf(
            Locale.ROOT,
            "  %s %s: %.2f s, %.2f s CPU%n",
            round == 0 ? "warm-up" : "round " + round,
            s.getKey(),
            seconds,
            cpu);
        if (round > 0) {
          best.add(s.getKey(), seconds, cpu);
        }
      }
    }
    best.print("search", 30, rounds, bytes, REFERENCE);
  }

  /** SecretScan's forms for RegistryAuthIT's user and secrets, each once, in SecretScan's order. */
  private static List<String> registryAuthForms() {
    String user = "sluice-ci";
    List<String> secrets =
        List.of(
            "pw-" + UUID.randomUUID(),
            "aws-secret-" + UUID.randomUUID(),
            "aws-token-" + UUID.randomUUID());
    Base64.Encoder b64 = Base64.getEncoder();
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : secrets) {
      forms.add(secret);
      forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
      forms.add(b64.encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
      forms.add(b64.encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }
    return List.copyOf(forms);
  }

  /** The jars bin/sluice runs on (cluster-runner/cli/target/runtime-classpath.txt), in order. */
  private static List<byte[]> jarBytes(long limit) throws Exception {
    Path classpath = Path.of("cluster-runner/cli/target/runtime-classpath.txt");
    if (!Files.isRegularFile(classpath)) {
      throw new IllegalStateException(
          "missing " + classpath + ": run from the repository's root after the CLI's package");
    }
    List<byte[]> files = new ArrayList<>();
    long total = 0;
    for (String entry : Files.readString(classpath).trim().split(":")) {
      Path jar = Path.of(entry);
      if (total >= limit || !Files.isRegularFile(jar)) {
        continue;
      }
      byte[] data = Files.readAllBytes(jar);
      files.add(data);
      total += data.length;
    }
    return files;
  }

  private static void plant(byte[] file, String form) {
    byte[] bytes = form.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(bytes, 0, file, file.length / 2, bytes.length);
  }

  private static Searcher library(List<String> forms, boolean view) {
    Trie trie = Trie.builder().addKeywords(forms).build();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < forms.size(); i++) {
      index.put(forms.get(i), i);
    }
    return data -> {
      CharSequence text =
          view
              ? new Latin1View(data, 0, data.length)
              : new String(data, StandardCharsets.ISO_8859_1);
      BitSet found = new BitSet(forms.size());
      trie.parseText(
          text,
          emit -> {
            found.set(index.get(emit.getKeyword()));
            return true;
          });
      return found;
    };
  }

  private static Searcher ours(List<String> forms) throws Exception {
    Class<?> type = Class.forName("io.sluice.testing.MultiSearch");
    Constructor<?> constructor = type.getDeclaredConstructor(List.class);
    constructor.setAccessible(true);
    Method find = type.getDeclaredMethod("find", byte[].class);
    find.setAccessible(true);
    List<byte[]> patterns =
        forms.stream().map(f -> f.getBytes(StandardCharsets.ISO_8859_1)).toList();
    Object search = constructor.newInstance(patterns);
    return data -> (BitSet) find.invoke(search, (Object) data);
  }

  /** Bytes as ISO-8859-1 characters, without copying them. */
  private record Latin1View(byte[] data, int from, int to) implements CharSequence {
    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      return (char) (data[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Latin1View(data, from + start, from + end);
    }

    @Override
    public String toString() {
      return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }
  }
}
