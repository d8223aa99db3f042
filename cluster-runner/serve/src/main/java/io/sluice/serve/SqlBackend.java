package io.sluice.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBConnection;

/**
 * {@code sql}: the API file's query on a DuckDB file opened read-only, its {@code ?} bound to the
 * request's path or query parameters as JDBC parameters of the types DuckDB infers for them (so
 * {@code order_date = ?} takes a date and rejects anything else with 400). Answers a JSON array of
 * row objects. The file is opened once; each request runs on a duplicate of that connection.
 */
final class SqlBackend implements RouteBackend {

  /** Most rows one answer carries; a query meant to return more should page with its params. */
  static final int MAX_ROWS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiRoute.Sql spec;
  private final DuckDBConnection connection;
  private final Map<String, Statement> running = new ConcurrentHashMap<>();

  SqlBackend(ApiRoute.Sql spec, Path apiFileDir) {
    this.spec = spec;
    String target = spec.target();
    if (!target.startsWith("duckdb:")) {
      throw new ApiFileException(
          "sql target '"
              + target.replaceAll("//[^@/]*@", "//***@")
              + "': sql routes serve duckdb:PATH files");
    }
    Path file = Path.of(target.substring("duckdb:".length()));
    if (!file.isAbsolute() && apiFileDir != null && !Files.exists(file)) {
      file = apiFileDir.resolve(file);
    }
    if (!Files.isRegularFile(file)) {
      throw new ApiFileException("sql target " + target + ": no DuckDB file at " + file);
    }
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    try {
      this.connection =
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
      // Prepared once to fail at start-up on a wrong table or column, not per request.
      try (Connection c = connection.duplicate();
          PreparedStatement s = c.prepareStatement(spec.query())) {
        s.getParameterMetaData();
      }
    } catch (SQLException e) {
      throw new ApiFileException(
          "sql query of " + target + " does not prepare: " + firstLine(e.getMessage()), e);
    }
  }

  @Override
  public RouteResponse handle(RouteRequest request) throws Exception {
    try (Connection c = connection.duplicate();
        PreparedStatement s = c.prepareStatement(spec.query())) {
      running.put(request.requestId(), s);
      bind(s, request);
      s.setMaxRows(MAX_ROWS);
      ArrayNode rows = JSON.createArrayNode();
      try (ResultSet rs = s.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          ObjectNode row = rows.addObject();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            put(row, md.getColumnLabel(i), rs.getObject(i));
          }
        }
      }
      return RouteResponse.json(200, JSON.writeValueAsString(rows));
    } catch (SQLException e) {
      String message = firstLine(e.getMessage());
      if (message.startsWith("Conversion Error")) {
        // A parameter the query casts and the value does not convert: the client's to fix.
        throw new BadRequestException(message);
      }
      throw e;
    } finally {
      running.remove(request.requestId());
    }
  }

  @Override
  public void cancel(String requestId) {
    Statement s = running.get(requestId);
    if (s != null) {
      try {
        s.cancel(); // DuckDB interrupts the query
      } catch (SQLException e) {
        // Already finished or closed: nothing left to stop.
      }
    }
  }

  private void bind(PreparedStatement s, RouteRequest request) throws SQLException {
    List<String> params = spec.params();
    ParameterMetaData md = s.getParameterMetaData();
    for (int i = 0; i < params.size(); i++) {
      String name = params.get(i);
      String value = request.param(name);
      if (value == null) {
        throw new BadRequestException("missing parameter '" + name + "'");
      }
      int type;
      try {
        type = md.getParameterType(i + 1);
      } catch (SQLException e) {
        type = Types.VARCHAR;
      }
      try {
        switch (type) {
          case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT ->
              s.setLong(i + 1, Long.parseLong(value));
          case Types.FLOAT, Types.REAL, Types.DOUBLE ->
              s.setDouble(i + 1, Double.parseDouble(value));
          case Types.DECIMAL, Types.NUMERIC -> s.setBigDecimal(i + 1, new BigDecimal(value));
          case Types.BOOLEAN -> s.setBoolean(i + 1, parseBoolean(value));
          case Types.DATE -> s.setDate(i + 1, java.sql.Date.valueOf(LocalDate.parse(value)));
          case Types.TIMESTAMP ->
              s.setTimestamp(i + 1, java.sql.Timestamp.valueOf(LocalDateTime.parse(value)));
          default -> s.setString(i + 1, value);
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new BadRequestException(
            "parameter '" + name + "': '" + abbreviate(value) + "' is not a " + typeName(type));
      }
    }
  }

  private static boolean parseBoolean(String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new NumberFormatException(v);
  }

  private static String typeName(int type) {
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> "whole number";
      case Types.FLOAT, Types.REAL, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> "number";
      case Types.BOOLEAN -> "boolean (true/false)";
      case Types.DATE -> "date (YYYY-MM-DD)";
      case Types.TIMESTAMP -> "timestamp (YYYY-MM-DDTHH:MM:SS)";
      default -> "text";
    };
  }

  static void put(ObjectNode row, String name, Object v) {
    if (v == null) {
      row.putNull(name);
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      row.put(name, ((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      row.put(name, ((Number) v).doubleValue());
    } else if (v instanceof BigDecimal d) {
      row.put(name, d);
    } else if (v instanceof BigInteger b) {
      row.put(name, b);
    } else if (v instanceof Boolean b) {
      row.put(name, b);
    } else if (v instanceof java.sql.Timestamp t) {
      row.put(name, t.toLocalDateTime().toString());
    } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
      row.set(name, JSON.valueToTree(v));
    } else {
      row.put(name, v.toString());
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static String firstLine(String s) {
    String t = String.valueOf(s).strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a read-only connection: nothing to recover.
    }
  }
}
