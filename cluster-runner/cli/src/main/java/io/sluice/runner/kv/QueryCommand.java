package io.sluice.runner.kv;

import io.sluice.kv.Json;
import io.sluice.kv.KeyValueStore;
import io.sluice.kv.SortKeyCondition;
import io.sluice.kv.SortKeyCondition.Operator;
import io.sluice.runner.ExitCode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code sluice kv query TABLE KEY [--gt V | --between A B | --begins-with P ...] [--limit N]}. */
@Command(
    name = "query",
    description =
        "Print the items of one partition (JSON lines, sort key order), optionally narrowed on the sort key.")
final class QueryCommand extends TableSubcommand {

  @Parameters(index = "1", paramLabel = "KEY", description = "Partition key value")
  String partition;

  @ArgGroup(exclusive = true)
  SortOption sort;

  @Mixin ItemLimit limit;

  /** One condition on the sort key. */
  static final class SortOption {
    @Option(names = "--eq", paramLabel = "V", description = "sort key = V")
    String eq;

    @Option(names = "--lt", paramLabel = "V", description = "sort key < V")
    String lt;

    @Option(names = "--le", paramLabel = "V", description = "sort key <= V")
    String le;

    @Option(names = "--gt", paramLabel = "V", description = "sort key > V")
    String gt;

    @Option(names = "--ge", paramLabel = "V", description = "sort key >= V")
    String ge;

    @Option(
        names = "--between",
        arity = "2",
        paramLabel = "V",
        description = "LOW <= sort key <= HIGH")
    List<String> between;

    @Option(
        names = "--begins-with",
        paramLabel = "PREFIX",
        description = "sort key starts with PREFIX")
    String beginsWith;

    SortKeyCondition condition() {
      if (eq != null) {
        return SortKeyCondition.of(Operator.EQ, eq);
      } else if (lt != null) {
        return SortKeyCondition.of(Operator.LT, lt);
      } else if (le != null) {
        return SortKeyCondition.of(Operator.LE, le);
      } else if (gt != null) {
        return SortKeyCondition.of(Operator.GT, gt);
      } else if (ge != null) {
        return SortKeyCondition.of(Operator.GE, ge);
      } else if (between != null) {
        return new SortKeyCondition(Operator.BETWEEN, between);
      }
      return SortKeyCondition.of(Operator.BEGINS_WITH, beginsWith);
    }
  }

  @Override
  int run(KeyValueStore store) {
    int max = limit.checked();
    for (Map<String, AttributeValue> item :
        store.query(table, partition, sort == null ? null : sort.condition(), max)) {
      out().println(Json.toJson(item));
    }
    return ExitCode.OK;
  }
}
