package io.sluice.warehouse;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Where a PostgreSQL warehouse is: a JDBC URL plus user and password. Parsed from what users type,
 * {@code postgresql://user:password@host:port/database} (libpq's form) or {@code
 * jdbc:postgresql://host:port/database?user=...}; a user or password not in the URL comes from
 * PGUSER / PGPASSWORD, as for psql.
 *
 * <p>How loads write: {@code copyStreams} COPY streams in parallel, each on its own connection,
 * into the staging table (1: one stream inside the load's single transaction), and {@code
 * binaryCopy}: binary COPY for inputs whose every column has a binary format, else text.
 */
public record PostgresTarget(
    String jdbcUrl, String user, String password, int copyStreams, boolean binaryCopy) {

  /** Upper bound of parallel COPY streams: each is a server backend and a connection. */
  public static final int MAX_COPY_STREAMS = 32;

  public PostgresTarget {
    if (copyStreams < 1 || copyStreams > MAX_COPY_STREAMS) {
      throw new InvalidLoadRequestException(
          "PostgreSQL copy streams must be 1.." + MAX_COPY_STREAMS + ", got " + copyStreams);
    }
  }

  public PostgresTarget(String jdbcUrl, String user, String password) {
    this(jdbcUrl, user, password, defaultCopyStreams(), true);
  }

  /**
   * One stream per core, at least 2: the client decodes on one thread while the server parses and
   * inserts on as many backends (on the same machine they share the cores).
   */
  public static int defaultCopyStreams() {
    return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  public PostgresTarget withCopyStreams(int streams) {
    return new PostgresTarget(jdbcUrl, user, password, streams, binaryCopy);
  }

  public PostgresTarget withBinaryCopy(boolean binary) {
    return new PostgresTarget(jdbcUrl, user, password, copyStreams, binary);
  }

  public static PostgresTarget parse(String text, Map<String, String> env) {
    String t = text.trim();
    String rest;
    if (t.startsWith("jdbc:postgresql:")) {
      return new PostgresTarget(t, env.get("PGUSER"), env.get("PGPASSWORD"));
    } else if (t.startsWith("postgresql://") || t.startsWith("postgres://")) {
      rest = t.substring(t.indexOf("://") + 3);
    } else {
      throw new InvalidLoadRequestException(
          "'"
              + text
              + "' is not a PostgreSQL URL; use postgresql://user:password@host:port/database");
    }
    URI uri;
    try {
      uri = new URI("postgresql://" + rest);
    } catch (URISyntaxException e) {
      throw new InvalidLoadRequestException(
          "PostgreSQL URL '" + redact(text) + "' is malformed: " + e.getReason());
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
    String path =
        uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
    String url =
        "jdbc:postgresql://"
            + uri.getHost()
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + path
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
    return "PostgresTarget{"
        + jdbcUrl
        + ", user="
        + user
        + ", copyStreams="
        + copyStreams
        + ", binaryCopy="
        + binaryCopy
        + "}";
  }
}
