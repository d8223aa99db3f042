package io.sluice.jobs.etl;

import io.sluice.jobs.BadInputException;
import java.util.Locale;

/** Input formats of the {@code etl} job. */
public enum EtlFormat {
  /** Comma-separated values; the first line of every file is its header. */
  CSV,
  /** One JSON object per line. */
  JSONL;

  static EtlFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--format must be csv or jsonl, got '" + name + "'");
    }
  }
}
