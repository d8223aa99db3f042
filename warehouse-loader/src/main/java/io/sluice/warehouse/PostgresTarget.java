package io.sluice.warehouse;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Where a PostgreSQL warehouse is: a JDBC URL plus user and password. Parsed from what users type,
 * {@code postgresql://user:password@host:port/database} (libpq's form) or
 * {@code jdbc:postgresql://host:port/database?user=...}; a user or password not in the URL comes
 * from PGUSER / PGPASSWORD, as for psql.
 */
public record PostgresTarget(String jdbcUrl, String user, String password) {

  public static PostgresTarget parse(String text, Map<String, String> env) {
    String t = text.trim();
    String rest;
    if (t.startsWith("jdbc:postgresql:")) {
      return new PostgresTarget(t, env.get("PGUSER"), env.get("PGPASSWORD"));
    } else if (t.startsWith("postgresql://") || t.startsWith("postgres://")) {
      rest = t.substring(t.indexOf("://") + 3);
    } else {
      throw new InvalidLoadRequestException("'" + text + "' is not a PostgreSQL URL; use postgresql://user:password@host:port/database");
    }
    URI uri;
    try {
      uri = new URI("postgresql://" + rest);
    } catch (URISyntaxException e) {
      throw new InvalidLoadRequestException("PostgreSQL URL '" + redact(text) + "' is malformed: " + e.getReason());
    }
    if (uri.getHost() == null) {
      throw new InvalidLoadRequestException("PostgreSQL URL '" + redact(text) + "' names no host");
    }
    String user = env.get("PGUSER");
    String password = env.get("PGPASSWORD");
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) {
        password = decode(parts[1]);
      }
    }
    String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
    String url = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new PostgresTarget(url, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** A URL with its password replaced, for messages. */
  static String redact(String url) {
    return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
  }

  Properties connectionProperties() {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", "sluice");
    return p;
  }

  @Override
  public String toString() {
    return "PostgresTarget{" + jdbcUrl + ", user=" + user + "}";
  }
}
