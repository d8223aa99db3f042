package io.sluice.kv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An update or key-condition expression with its placeholders. Names and values travel as
 * placeholders: nothing a user typed becomes part of the expression.
 */
record DynamoDbExpression(
    String text, Map<String, String> names, Map<String, AttributeValue> values) {

  /** The update expression for {@link KeyValueStore#update}, its arguments checked first. */
  static DynamoDbExpression update(
      String table,
      Map<String, AttributeValue> key,
      Map<String, AttributeValue> set,
      Set<String> remove) {
    if (set.isEmpty() && remove.isEmpty()) {
      throw new InvalidItemException("nothing to update: give attributes to set or remove");
    }
    for (String name : key.keySet()) {
      if (set.containsKey(name) || remove.contains(name)) {
        throw new InvalidItemException(
            "'" + name + "' is a key attribute of table '" + table + "' and cannot be updated");
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, AttributeValue> e : set.entrySet()) {
      names.put("#s" + i, e.getKey());
      values.put(":s" + i, e.getValue());
      sets.add("#s" + i + " = :s" + i);
      i++;
    }
    List<String> removes = new ArrayList<>();
    i = 0;
    for (String name : remove) {
      names.put("#r" + i, name);
      removes.add("#r" + i);
      i++;
    }
    String expression =
        (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
            + (removes.isEmpty()
                ? ""
                : (sets.isEmpty() ? "" : " ") + "REMOVE " + String.join(", ", removes));
    return new DynamoDbExpression(expression, names, values);
  }

  /** The key condition for {@link KeyValueStore#query}: the partition, and the sort if given. */
  static DynamoDbExpression keyCondition(
      String table, KeySchema key, String partitionValue, SortKeyCondition sort) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    names.put("#pk", key.partitionKey().name());
    values.put(":pk", KeySchema.value(key.partitionKey(), partitionValue));
    String condition = "#pk = :pk";
    if (sort != null) {
      KeyAttribute sk =
          key.sort()
              .orElseThrow(
                  () ->
                      new InvalidItemException(
                          "table '" + table + "' has no sort key to put a condition on"));
      names.put("#sk", sk.name());
      values.put(":sk0", KeySchema.value(sk, sort.values().get(0)));
      condition +=
          switch (sort.operator()) {
            case BETWEEN -> {
              values.put(":sk1", KeySchema.value(sk, sort.values().get(1)));
              yield " AND #sk BETWEEN :sk0 AND :sk1";
            }
            case BEGINS_WITH -> " AND begins_with(#sk, :sk0)";
            default -> " AND #sk " + sort.operator().symbol() + " :sk0";
          };
    }
    return new DynamoDbExpression(condition, names, values);
  }
}
