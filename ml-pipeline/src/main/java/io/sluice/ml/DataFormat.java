package io.sluice.ml;

import java.util.Locale;

/** The file formats a datasource can be read from. */
public enum DataFormat {
  /** Comma-separated with a header line. */
  CSV,
  PARQUET;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
