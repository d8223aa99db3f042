package io.sluice.kv;

import io.sluice.errors.InvalidInputException;
import java.util.List;

/** A load's table key, from the key columns the user names and the types the input gives them. */
final class KeyColumns {

  private KeyColumns() {}

  static KeySchema keySchema(ItemSource source, KvLoadRequest request) {
    KeyAttribute partition = keyColumn(source, request.partitionKey());
    KeyAttribute sort = request.sortKey() == null ? null : keyColumn(source, request.sortKey());
    try {
      return new KeySchema(partition, sort);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
  }

  /** A key column by name, typed by the input, or as {@code name:S|N|B} when the user says so. */
  private static KeyAttribute keyColumn(ItemSource source, String spec) {
    List<String> columns = source.columns();
    String name = spec;
    KeyType explicit = null;
    int colon = spec.lastIndexOf(':');
    if (!columns.contains(spec) && colon > 0) {
      name = spec.substring(0, colon);
      try {
        explicit = KeyType.parse(spec.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("key column '" + spec + "': " + e.getMessage());
      }
    }
    if (!columns.contains(name)) {
      throw new InvalidInputException(
          "key column '"
              + name
              + "' is not in "
              + source.describe()
              + "; its columns are: "
              + String.join(", ", columns));
    }
    KeyType natural = source.keyType(name);
    if (explicit != null && explicit != natural && natural != KeyType.S) {
      throw new InvalidInputException(
          "key column '"
              + name
              + "' holds "
              + natural
              + " values in "
              + source.describe()
              + ", not "
              + explicit);
    }
    return new KeyAttribute(name, explicit != null ? explicit : natural);
  }
}
