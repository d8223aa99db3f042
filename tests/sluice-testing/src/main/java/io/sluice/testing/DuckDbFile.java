package io.sluice.testing;

import io.sluice.warehouse.DuckDbWarehouse;
import io.sluice.warehouse.QueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileUtil;

/**
 * An empty DuckDB warehouse in a file of its own, with the {@link DuckDbWarehouse} that loads into
 * it and queries it.
 *
 * <p><b>Scope: one per test method</b> (a {@code @BeforeAll} method or constructor that asks for
 * one gets one for the test class), in a temporary directory deleted afterwards.
 */
public final class DuckDbFile {

  private final Path directory;
  private final DuckDbWarehouse warehouse;

  private DuckDbFile(Path directory) {
    this.directory = directory;
    this.warehouse = new DuckDbWarehouse(directory.resolve("warehouse.duckdb"));
  }

  static DuckDbFile create() {
    try {
      return new DuckDbFile(Files.createTempDirectory("sluice-testing-duckdb-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for the DuckDB file", e);
    }
  }

  /** The database file (it exists once something was loaded or queried). */
  public Path path() {
    return warehouse.file();
  }

  /** The warehouse target as the CLI and pipelines name it: {@code duckdb:<path>}. */
  public String target() {
    return "duckdb:" + path();
  }

  /** The warehouse (connections are opened per operation). */
  public DuckDbWarehouse warehouse() {
    return warehouse;
  }

  /** Runs one SQL statement and returns up to 10,000 rows. */
  public QueryResult query(String sql) {
    return warehouse.query(sql, 10_000);
  }

  void delete() {
    warehouse.close();
    FileUtil.fullyDelete(directory.toFile());
  }

  @Override
  public String toString() {
    return "DuckDbFile[" + path() + "]";
  }
}
