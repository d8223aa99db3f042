package io.sluice.jobs.join;

import io.sluice.jobs.BadInputException;
import io.sluice.storage.StorageUri;

/**
 * What to join: the two inputs, their 1-based key columns, the delimiter, the join type, how many
 * columns a right row has (to pad unmatched left rows in a left-outer join) and the parallelism.
 */
public record JoinSpec(
    StorageUri left,
    StorageUri right,
    int leftKey,
    int rightKey,
    char delimiter,
    JoinType type,
    int rightColumns,
    int reducers) {

  public JoinSpec {
    requireColumn("left-key", leftKey);
    requireColumn("right-key", rightKey);
    if (rightColumns < rightKey) {
      throw new BadInputException(
          "--right-columns " + rightColumns + " is less than --right-key " + rightKey);
    }
    if (reducers < 1) {
      throw new BadInputException("--reducers must be at least 1, got " + reducers);
    }
  }

  /** Fails unless a key column number is 1 or more. */
  static int requireColumn(String parameter, int column) {
    if (column < 1) {
      throw new BadInputException("--" + parameter + " is a 1-based column number, got " + column);
    }
    return column;
  }

  /**
   * Parses {@code --delimiter}: a comma or a tab. A tab is typed as {@code \t} or {@code tab} (a
   * literal tab character would be trimmed away as whitespace).
   */
  public static char parseDelimiter(String raw) {
    return switch (raw) {
      case ",", "comma" -> ',';
      case "\t", "\\t", "tab" -> '\t';
      default ->
          throw new BadInputException("--delimiter must be ',' or '\\t' (tab), got '" + raw + "'");
    };
  }

  public int keyColumn(JoinSide side) {
    return side == JoinSide.LEFT ? leftKey : rightKey;
  }

  /**
   * The right fields of an unmatched left row in a left-outer join: one empty field per non-key
   * right column.
   */
  public String missingRightFields() {
    return String.valueOf(delimiter).repeat(rightColumns - 1);
  }
}
