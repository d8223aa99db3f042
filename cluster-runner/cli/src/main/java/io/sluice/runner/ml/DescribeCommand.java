package io.sluice.runner.ml;

import io.sluice.ml.DatasourceDescriber;
import io.sluice.ml.DatasourceDescription;
import io.sluice.ml.DatasourceSpec;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice ml datasource describe SPEC}. */
@Command(
    name = "describe",
    description =
        "Row count, per-column missing/distinct/min/max/mean and the label balance of a datasource.")
final class DescribeCommand extends MlSubcommand {

  @Mixin DatasourceSpecFile specFile;

  private DatasourceSpec datasource;

  @Override
  List<String> locations() {
    datasource = specFile.load();
    return List.of(datasource.input());
  }

  @Override
  int run(SparkSession spark) {
    long started = System.nanoTime();
    DatasourceDescription d = new DatasourceDescriber(spark).describe(datasource);
    out().print(d.toTable());
    out()
        .printf(
            "ml datasource describe done: %d rows, %d columns, time=%.1fs%n",
            d.rows(), d.columns().size(), (System.nanoTime() - started) / 1e9);
    return ok();
  }
}
