package io.sluice.sampledata;

/**
 * What a generation depends on, and nothing else (no clock, no locale, no machine): the same
 * settings give byte-identical files.
 *
 * @param seed the base seed; each file derives its own from it
 * @param scale multiplies every record count; 1 is what the repository holds
 */
public record GenerationSettings(long seed, int scale) {

  /** The seed of the committed sample data. */
  public static final long DEFAULT_SEED = 42;

  public GenerationSettings {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, got " + scale);
    }
  }

  /** The committed sample data: default seed, scale 1. */
  public static GenerationSettings committed() {
    return new GenerationSettings(DEFAULT_SEED, 1);
  }

  /**
   * A seed for one purpose (a file, a part of it), fixed by the base seed and the purpose's name,
   * so that adding a dataset never shifts the random sequence of another.
   */
  public long seedFor(String purpose) {
    long h = seed;
    for (int i = 0; i < purpose.length(); i++) {
      h = h * 31 + purpose.charAt(i);
    }
    // SplitMix64's finaliser: nearby inputs give unrelated seeds.
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
