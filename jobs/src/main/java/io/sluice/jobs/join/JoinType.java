package io.sluice.jobs.join;

import io.sluice.jobs.BadInputException;
import java.util.Locale;

/** Which left rows a join keeps. */
public enum JoinType {
  /** Only keys found on both sides. */
  INNER("inner", "inner"),
  /** Every left row; a left row without a right match gets empty right fields. */
  LEFT_OUTER("left-outer", "left_outer");

  private final String id;
  private final String sparkName;

  JoinType(String id, String sparkName) {
    this.id = id;
    this.sparkName = sparkName;
  }

  public String id() {
    return id;
  }

  /** The name {@code Dataset.join} knows it by. */
  String sparkName() {
    return sparkName;
  }

  public static JoinType parse(String raw) {
    String wanted = raw.trim().toLowerCase(Locale.ROOT);
    for (JoinType type : values()) {
      if (type.id.equals(wanted)) {
        return type;
      }
    }
    throw new BadInputException("--type must be inner or left-outer, got '" + raw + "'");
  }

  @Override
  public String toString() {
    return id;
  }
}
