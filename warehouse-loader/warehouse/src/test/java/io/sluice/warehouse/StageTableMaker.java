package io.sluice.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * A child JVM standing for a PostgreSQL load caught mid-COPY: it takes the load lock of table
 * {@code args[1]} at JDBC URL {@code args[0]}, creates and commits a stage table as a parallel load
 * does, prints its name and sleeps, to be killed (or left running) by {@link PostgresWarehouseIT}.
 */
public final class StageTableMaker {

  public static void main(String[] args) throws Exception {
    TableName table = TableName.parse(args[1]);
    Connection c = DriverManager.getConnection(args[0]);
    PostgresStageTables.lock(c, table, LoggerFactory.getLogger(StageTableMaker.class));
    TableName stage =
        table.sibling(
            StageTables.PREFIX
                + UUID.randomUUID().toString().substring(0, 8)
                + "_"
                + table.table());
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + stage.quoted() + " (id bigint)");
      s.execute("INSERT INTO " + stage.quoted() + " SELECT generate_series(1, 1000)");
    }
    PostgresStageTables.comment(c, stage, table);
    System.out.println(stage);
    System.out.flush();
    Thread.sleep(120_000); // bounded: the test kills it long before
  }
}
