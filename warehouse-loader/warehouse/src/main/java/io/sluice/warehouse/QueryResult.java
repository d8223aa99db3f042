package io.sluice.warehouse;

import java.util.List;

/**
 * The rows of a query, values as JDBC returned them; {@code truncated} when more rows existed than
 * the limit asked for.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {}
