package io.sluice.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded mutations of valid input, shared by every parser's fuzz test: a valid sample with zero to
 * four of truncation, bit flips, byte inserts and deletes, duplicated slices, Latin-1 or UTF-16
 * re-encoding, a huge field, deep nesting (10,000 openers), NUL bytes, mixed CRLF/CR line ends,
 * unbalanced quotes and tokens parsers treat specially. The randomness comes from the caller's
 * seeded source ({@link FuzzProperty}), so a fixed seed replays the same input.
 */
public final class Mutations {

  /** The depth of a nesting mutation: far past any parser's limit. */
  public static final int NESTING_DEPTH = 10_000;

  private static final int MIB = 1 << 20;

  /** The large fields of the many cheap mutants. */
  private static final int LARGE_BYTES = 64 << 10;

  /** Openers that nest one level each in JSON, YAML (flow and block) or both. */
  private static final String[] OPENERS = {"[", "{\"a\":", "- ", "{a: ", "[{", "a: ["};

  /** Text that parsers of CSV, JSON, YAML, logs and variables treat specially. */
  private static final String[] TOKENS = {
    "\uFEFF",
    ",",
    "\t",
    "\\",
    "\"",
    "'",
    "${",
    "${x}",
    "}",
    "{",
    "]",
    "[",
    "*a",
    "&a ",
    "!!binary ",
    "!!python/object:os.system ",
    "!!java.io.File ",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "? ",
    ": ",
    "#",
    "~",
    "null",
    "-",
    "0x1F",
    "1e999",
    "-9223372036854775809",
    "99999999999999999999999",
    "NaN",
    "%41",
    "%",
    "%%",
    "%E9",
    "<<: *a",
    "\u2028",
    "\u0085",
    "\uD83D\uDE00",
    "é",
    "\\u0000",
    "\\\"",
    "31/Feb/2024:00:00:00 +0000",
    "9999-12-31",
    "+",
    "-0",
    ".",
    "e5",
    "true",
    "yes",
    "\r\n\r\n"
  };

  private static final byte[] INTERESTING_BYTES = {
    0, 0x7F, (byte) 0x80, (byte) 0xC0, (byte) 0xE9, (byte) 0xFF, '\n', '\r', ' ', '"', ',', '\t'
  };

  private enum Kind {
    TRUNCATE,
    BIT_FLIPS,
    INSERT_BYTES,
    DELETE_BYTES,
    DUPLICATE_SLICE,
    SET_BYTE,
    LATIN_1,
    UTF_16,
    HUGE_FIELD,
    DEEP_NESTING,
    NUL_BYTES,
    LINE_ENDS,
    UNBALANCED_QUOTE,
    TOKEN
  }

  /** How often each kind is drawn: the costly ones (MiBs, re-encoding everything) rarely. */
  private static final Kind[] DRAWS = weighted();

  private Mutations() {}

  /**
   * Mutants of the samples, the many cheap ones: large fields here are 64 to 128 KiB, so ten
   * thousand tries stay quick; {@link #withHugeField} makes the few MiB-sized ones.
   */
  public static Function<Random, Mutant> of(List<String> samples) {
    return mutants(samples, LARGE_BYTES, false);
  }

  /** Mutants of the samples that each hold one field of 1 to 2 MiB, plus up to four mutations. */
  public static Function<Random, Mutant> withHugeField(List<String> samples) {
    return mutants(samples, MIB, true);
  }

  private static Function<Random, Mutant> mutants(
      List<String> samples, int hugeBytes, boolean huge) {
    List<byte[]> valid = samples.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    return random -> mutate(valid, hugeBytes, huge, random);
  }

  /**
   * YAML of ten anchors, each a list of nine aliases to the one before: expanded, 5 * 9^9 (about
   * 1.9 billion) strings. {@code indent} goes before each line (to nest them, as under {@code
   * vars:}); the caller adds the key that uses {@code *j}.
   */
  public static String billionLaughs(String indent) {
    StringBuilder yaml = new StringBuilder(indent + "a: &a [lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      String previous = "*" + (char) (c - 1);
      yaml.append(indent).append(c).append(": &").append(c).append(" [");
      yaml.append((previous + ", ").repeat(8)).append(previous).append("]\n");
    }
    return yaml.toString();
  }

  private static Mutant mutate(List<byte[]> valid, int hugeBytes, boolean huge, Random random) {
    int sample = random.nextInt(valid.size());
    byte[] bytes = valid.get(sample);
    List<String> applied = new ArrayList<>();
    if (huge) {
      bytes = apply(Kind.HUGE_FIELD, bytes, hugeBytes, random);
      applied.add("huge_field");
    }
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      Kind kind = DRAWS[random.nextInt(DRAWS.length)];
      if ((kind == Kind.HUGE_FIELD || kind == Kind.DEEP_NESTING) && huge) {
        kind = Kind.BIT_FLIPS; // one big mutation per input keeps each try's cost bounded
      }
      huge |= kind == Kind.HUGE_FIELD || kind == Kind.DEEP_NESTING;
      bytes = apply(kind, bytes, hugeBytes, random);
      applied.add(kind.name().toLowerCase());
    }
    return new Mutant(bytes, "sample " + sample + " " + applied);
  }

  private static byte[] apply(Kind kind, byte[] in, int hugeBytes, Random random) {
    int at = random.nextInt(in.length + 1);
    return switch (kind) {
      case TRUNCATE -> Arrays.copyOf(in, at);
      case BIT_FLIPS -> {
        byte[] out = in.clone();
        for (int flips = 1 + random.nextInt(8); flips > 0 && out.length > 0; flips--) {
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        yield out;
      }
      case INSERT_BYTES -> {
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        yield insert(in, at, extra);
      }
      case DELETE_BYTES -> {
        int end = Math.min(in.length, at + 1 + random.nextInt(32));
        yield splice(in, at, end, new byte[0]);
      }
      case DUPLICATE_SLICE -> {
        int from = random.nextInt(in.length + 1);
        int to = Math.min(in.length, from + random.nextInt(256));
        yield insert(in, at, Arrays.copyOfRange(in, from, to));
      }
      case SET_BYTE -> {
        byte[] out = in.clone();
        if (out.length > 0) {
          out[random.nextInt(out.length)] =
              INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
        }
        yield out;
      }
      case LATIN_1 -> new String(in, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
      case UTF_16 ->
          new String(in, StandardCharsets.UTF_8)
              .getBytes(random.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
      case HUGE_FIELD -> {
        byte[] field = new byte[hugeBytes + random.nextInt(hugeBytes + 1)];
        byte fill = "a9 \",\t%é".getBytes(StandardCharsets.UTF_8)[random.nextInt(8)];
        Arrays.fill(field, fill);
        yield insert(in, at, field);
      }
      case DEEP_NESTING ->
          insert(in, at, OPENERS[random.nextInt(OPENERS.length)].repeat(NESTING_DEPTH).getBytes());
      case NUL_BYTES -> insert(in, at, new byte[1 + random.nextInt(4)]);
      case LINE_ENDS -> lineEnds(in, random);
      case UNBALANCED_QUOTE -> insert(in, at, new byte[] {(byte) "\"'`".charAt(random.nextInt(3))});
      case TOKEN ->
          insert(in, at, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
    };
  }

  /** Each LF becomes CRLF, CR or stays, at random; sometimes a lone CR is added too. */
  private static byte[] lineEnds(byte[] in, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 16);
    for (byte b : in) {
      if (b == '\n') {
        switch (random.nextInt(3)) {
          case 0 -> out.write('\r');
          case 1 -> out.writeBytes(new byte[] {'\r', '\n'});
          default -> out.write('\n');
        }
      } else {
        out.write(b);
      }
    }
    byte[] mixed = out.toByteArray();
    return random.nextBoolean() ? mixed : insert(mixed, random.nextInt(mixed.length + 1), "\r");
  }

  private static byte[] insert(byte[] in, int at, String text) {
    return insert(in, at, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] insert(byte[] in, int at, byte[] extra) {
    return splice(in, at, at, extra);
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] replacement) {
    byte[] out = new byte[in.length - (to - from) + replacement.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(replacement, 0, out, from, replacement.length);
    System.arraycopy(in, to, out, from + replacement.length, in.length - to);
    return out;
  }

  private static Kind[] weighted() {
    List<Kind> draws = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      int weight =
          switch (kind) {
            case HUGE_FIELD, DEEP_NESTING, UTF_16, LATIN_1 -> 1;
            default -> 4;
          };
      for (int i = 0; i < weight; i++) {
        draws.add(kind);
      }
    }
    return draws.toArray(Kind[]::new);
  }
}
