package io.sluice.ml;

import java.util.Locale;

/** How a feature column is turned into model input. */
public enum FeatureType {
  /** A number: missing values are imputed with the training mean, then scaled. */
  NUMERIC,
  /**
   * A category: indexed by frequency and one-hot encoded; missing and unseen values get their own
   * slot.
   */
  CATEGORICAL,
  /** Free text: tokenised and weighted by TF-IDF over hashed terms. */
  TEXT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
