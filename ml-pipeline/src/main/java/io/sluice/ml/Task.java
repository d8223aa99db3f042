package io.sluice.ml;

import java.util.Locale;

/** What a model predicts: one of two classes, one of several, or a number. */
public enum Task {
  BINARY,
  MULTICLASS,
  REGRESSION;

  /** Classification or regression, as an algorithm decides before the label is seen. */
  public enum Kind {
    CLASSIFICATION,
    REGRESSION
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Task parse(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
