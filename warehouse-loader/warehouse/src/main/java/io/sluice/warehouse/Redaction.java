package io.sluice.warehouse;

import java.util.regex.Pattern;

/**
 * Hides passwords in text we print or log: the password of a URL's user info ({@code
 * postgresql://user:***@host/db}) and {@code password=} parameters of JDBC URLs (PostgreSQL,
 * Redshift: {@code ?user=u&password=***}, or {@code ;password=***}).
 */
public final class Redaction {

  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)[^@\\s]*@");

  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&;]\\s*(?:password|pwd)\\s*=)[^&;\\s'\"]*");

  private Redaction() {}

  /** {@code text} with every password it carries replaced by {@code ***}; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String hidden = USER_INFO_PASSWORD.matcher(text).replaceAll("$1***@");
    return PASSWORD_PARAMETER.matcher(hidden).replaceAll("$1***");
  }
}
