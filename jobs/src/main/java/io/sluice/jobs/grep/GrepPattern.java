package io.sluice.jobs.grep;

import io.sluice.jobs.BadInputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regex a grep run counts, and which part of each match it counts: the whole match (group 0) or
 * one capturing group. Every match in a line counts, as {@link Matcher#find()} walks it, empty
 * matches included. A match in which the chosen group took no part (an optional group) counts
 * nothing, since there is no text to key it by.
 */
public final class GrepPattern implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Pattern pattern;
  private final int group;

  private GrepPattern(Pattern pattern, int group) {
    this.pattern = pattern;
    this.group = group;
  }

  /**
   * Compiles a Java regex; a syntax error or a group the regex does not have is bad input, reported
   * in one line naming the regex.
   */
  public static GrepPattern compile(String regex, int group) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      // The JDK's message spans three lines (description, regex, caret); keep the description.
      throw new BadInputException(
          "--pattern '"
              + regex
              + "' is not a valid Java regex: "
              + e.getDescription()
              + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""),
          e);
    }
    int groups = pattern.matcher("").groupCount();
    if (group < 0 || group > groups) {
      throw new BadInputException(
          "--group "
              + group
              + " does not exist in --pattern '"
              + regex
              + "': it has "
              + groups
              + " capturing group(s); use 0 for the whole match or 1.."
              + groups);
    }
    return new GrepPattern(pattern, group);
  }

  /** The counted texts of one line, in the order they occur. */
  public List<String> matches(CharSequence line) {
    List<String> found = new ArrayList<>(2);
    Matcher matcher = pattern.matcher(line);
    while (matcher.find()) {
      String text = matcher.group(group);
      if (text != null) {
        found.add(text);
      }
    }
    return found;
  }

  public String regex() {
    return pattern.pattern();
  }

  public int group() {
    return group;
  }
}
