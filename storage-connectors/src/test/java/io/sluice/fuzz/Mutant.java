package io.sluice.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One fuzz input: the bytes of a valid sample after {@link Mutations} changed them, and how, so a
 * failing try names what was done (FuzzProperty prints it with the seed).
 *
 * @param bytes the mutated input
 * @param how the sample's index and the mutations applied, in order
 */
public record Mutant(byte[] bytes, String how) {

  private static final int PREVIEW_CHARS = 160;

  /**
   * The bytes read as UTF-8, malformed sequences replaced: how Hadoop's Text and readers decode.
   */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    String text = text();
    String preview = text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS);
    StringBuilder shown = new StringBuilder();
    preview
        .codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7F) {
                shown.append(String.format("\\x%02x", c));
              } else {
                shown.appendCodePoint(c);
              }
            });
    return how
        + " ("
        + bytes.length
        + " bytes): "
        + shown
        + (text.length() > PREVIEW_CHARS ? "..." : "");
  }
}
