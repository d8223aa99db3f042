package io.sluice.warehouse;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Where a PostgreSQL warehouse is: a JDBC URL plus user and password. Parsed from what users type,
 * {@code postgresql://user:password@host:port/database} (libpq's form) or {@code
 * jdbc:postgresql://host:port/database?user=...}; what the URL leaves out comes from libpq's
 * environment variables and password file, as for psql ({@link #parse}).
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

  /**
   * Parses what users type, filling what the URL leaves out from libpq's environment variables, as
   * psql does: URL parts win over PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD and PGSSLMODE,
   * which win over the defaults (localhost, 5432, database postgres); a password found nowhere else
   * comes from the password file ({@link PgPassFile}).
   */
  public static PostgresTarget parse(String text, Map<String, String> env) {
    String t = text.trim();
    String rest;
    if (t.startsWith("jdbc:postgresql:")) {
      // A JDBC URL is taken as is: pgjdbc reads its own parameters (and the password file).
      return new PostgresTarget(withSslMode(t, env), env.get("PGUSER"), env.get("PGPASSWORD"));
    } else if (t.startsWith("postgresql://") || t.startsWith("postgres://")) {
      rest = t.substring(t.indexOf("://") + 3);
    } else {
      throw new InvalidLoadRequestException(
          "'"
              + redact(text)
              + "' is not a PostgreSQL URL; use postgresql://user:password@host:port/database");
    }
    URI uri;
    try {
      // An empty authority (postgresql:///db, or just postgresql://) means: host from PGHOST.
      uri = new URI("postgresql://" + (rest.isEmpty() ? "/" : rest));
    } catch (URISyntaxException e) {
      throw new InvalidLoadRequestException(
          "PostgreSQL URL '" + redact(text) + "' is malformed: " + e.getReason());
    }
    String user = env.get("PGUSER");
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) {
        password = decode(parts[1]);
      }
    }
    String host = firstSet(uri.getHost(), env.get("PGHOST"), "localhost");
    String port =
        firstSet(uri.getPort() > 0 ? String.valueOf(uri.getPort()) : null, env.get("PGPORT"));
    String path =
        uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? null : uri.getRawPath();
    if (path == null) {
      String database = env.get("PGDATABASE");
      path =
          "/"
              + (database == null || database.isBlank()
                  ? "postgres"
                  : URLEncoder.encode(database.trim(), StandardCharsets.UTF_8).replace("+", "%20"));
    }
    if (password == null) {
      password = env.get("PGPASSWORD");
    }
    if (password == null) {
      String who = user != null ? user : System.getProperty("user.name");
      password =
          PgPassFile.password(
                  PgPassFile.location(env),
                  host,
                  port == null ? "5432" : port,
                  decode(path.substring(1)),
                  who)
              .orElse(null);
    }
    String url =
        "jdbc:postgresql://"
            + host
            + (port == null ? "" : ":" + port.trim())
            + path
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new PostgresTarget(withSslMode(url, env), user, password);
  }

  private static String firstSet(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** {@code url} with PGSSLMODE as its sslmode, unless it names one itself. */
  private static String withSslMode(String url, Map<String, String> env) {
    String mode = env.get("PGSSLMODE");
    if (mode == null || mode.isBlank() || url.matches("(?s).*[?&]sslmode=.*")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "sslmode=" + mode.trim();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** A URL with its password replaced, for messages. */
  static String redact(String url) {
    return Redaction.redact(url);
  }

  /** The JDBC URL as messages show it: any password parameter hidden. */
  String displayUrl() {
    return redact(jdbcUrl);
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
        + displayUrl()
        + ", user="
        + user
        + ", copyStreams="
        + copyStreams
        + ", binaryCopy="
        + binaryCopy
        + "}";
  }
}
