package io.sluice.ml;

import java.util.Locale;

/** The learning algorithms a model can be trained with, by their command-line names. */
public enum Algorithm {
  LOGISTIC("logistic", Task.Kind.CLASSIFICATION),
  GBT("gbt", Task.Kind.CLASSIFICATION),
  RANDOM_FOREST("random-forest", Task.Kind.CLASSIFICATION),
  LINEAR("linear", Task.Kind.REGRESSION);

  private final String id;
  private final Task.Kind kind;

  Algorithm(String id, Task.Kind kind) {
    this.id = id;
    this.kind = kind;
  }

  public String id() {
    return id;
  }

  public Task.Kind kind() {
    return kind;
  }

  /**
   * @throws UnknownAlgorithmException naming the valid choices
   */
  public static Algorithm parse(String name) {
    if (name != null) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      for (Algorithm a : values()) {
        if (a.id.equals(wanted) || a.name().toLowerCase(Locale.ROOT).equals(wanted)) {
          return a;
        }
      }
    }
    throw new UnknownAlgorithmException(String.valueOf(name));
  }
}
