package io.sluice.jobs.etl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.jobs.BadInputException;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The declared shape of an ETL output: typed fields, the key rows are de-duplicated on, and the
 * column the Parquet output is partitioned by. Read from a small JSON or YAML file:
 *
 * <pre>
 * fields:
 *   - {name: order_id, type: long, nullable: false}
 *   - {name: order_date, type: date}
 * key: [order_id]          # optional; rows with the same key keep the last one read
 * partitionBy: order_date  # optional
 * </pre>
 *
 * Key columns are never null (a row with an empty key is rejected).
 */
public final class EtlSchema implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One declared field. */
  public record Field(String name, FieldType type, boolean nullable) implements Serializable {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<FieldType> PARTITION_TYPES =
      EnumSet.of(
          FieldType.STRING, FieldType.INT, FieldType.LONG, FieldType.BOOLEAN, FieldType.DATE);

  private final List<Field> fields;
  private final List<String> key;
  private final String partitionBy;

  private EtlSchema(List<Field> fields, List<String> key, String partitionBy) {
    this.fields = List.copyOf(fields);
    this.key = List.copyOf(key);
    this.partitionBy = partitionBy;
  }

  public List<Field> fields() {
    return fields;
  }

  public List<String> key() {
    return key;
  }

  /** The partition column, or null for an unpartitioned output. */
  public String partitionBy() {
    return partitionBy;
  }

  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Reads a schema file: YAML when it ends in .yaml or .yml, JSON otherwise. */
  public static EtlSchema load(StorageUri location, Configuration conf) {
    Path path = location.toHadoopPath();
    String text;
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(
          "cannot read --schema " + location.original() + ": " + e.getMessage(), e);
    }
    String name = path.getName().toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    return parse(text, yaml, location.original());
  }

  static EtlSchema parse(String text, boolean yaml, String source) {
    Object tree;
    if (yaml) {
      tree = SchemaYaml.parse(text, source);
    } else {
      try {
        tree = JSON.readValue(text, Object.class);
      } catch (JsonProcessingException e) {
        // A nesting or length limit names no location.
        throw new BadInputException(
            oneLine(
                "schema "
                    + source
                    + " is not valid JSON: "
                    + e.getOriginalMessage()
                    + (e.getLocation() == null
                        ? ""
                        : " (line " + e.getLocation().getLineNr() + ")")));
      }
    }
    return fromTree(tree, source);
  }

  private static EtlSchema fromTree(Object tree, String source) {
    if (!(tree instanceof Map<?, ?> root)) {
      throw bad(source, "expected an object with 'fields' (and optionally 'key', 'partitionBy')");
    }
    for (Object k : root.keySet()) {
      if (!Set.of("fields", "key", "partitionBy").contains(String.valueOf(k))) {
        throw bad(source, "unknown entry '" + k + "'; expected fields, key, partitionBy");
      }
    }
    if (!(root.get("fields") instanceof List<?> declared) || declared.isEmpty()) {
      throw bad(source, "'fields' must be a non-empty list of {name, type, nullable}");
    }
    List<Field> fields = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Object f : declared) {
      if (!(f instanceof Map<?, ?> m)) {
        throw bad(source, "each field must be an object with name and type, got '" + f + "'");
      }
      for (Object k : m.keySet()) {
        if (!Set.of("name", "type", "nullable").contains(String.valueOf(k))) {
          throw bad(source, "field entry '" + k + "' unknown; a field has name, type, nullable");
        }
      }
      String name = m.get("name") == null ? "" : String.valueOf(m.get("name"));
      if (!name.matches("[A-Za-z0-9_-]+") || name.startsWith("__")) {
        throw bad(
            source,
            "field name '"
                + name
                + "' must be letters, digits, '_' or '-' (not starting with '__')");
      }
      if (!names.add(name)) {
        throw bad(source, "field '" + name + "' is declared twice");
      }
      FieldType type = FieldType.parse(String.valueOf(m.get("type")));
      if (type == null) {
        throw bad(
            source,
            "field '"
                + name
                + "' has type '"
                + m.get("type")
                + "'; types are string, int, long, double, boolean, date, timestamp");
      }
      Object nullable = m.get("nullable");
      if (nullable != null && !Set.of("true", "false").contains(String.valueOf(nullable))) {
        throw bad(
            source, "field '" + name + "': nullable must be true or false, got '" + nullable + "'");
      }
      fields.add(
          new Field(
              name, type, nullable == null || Boolean.parseBoolean(String.valueOf(nullable))));
    }

    List<String> key = new ArrayList<>();
    Object k = root.get("key");
    if (k instanceof Collection<?> list) {
      list.forEach(e -> key.add(String.valueOf(e)));
    } else if (k != null) {
      key.add(String.valueOf(k));
    }
    for (String column : key) {
      Field field = find(fields, column);
      if (field == null) {
        throw bad(source, "key column '" + column + "' is not a declared field");
      }
      if (field.type() == FieldType.DOUBLE) {
        throw bad(source, "key column '" + column + "' is a double; keys must be exact types");
      }
    }
    String partitionBy =
        root.get("partitionBy") == null ? null : String.valueOf(root.get("partitionBy"));
    if (partitionBy != null) {
      Field field = find(fields, partitionBy);
      if (field == null) {
        throw bad(source, "partitionBy column '" + partitionBy + "' is not a declared field");
      }
      if (!PARTITION_TYPES.contains(field.type())) {
        throw bad(
            source,
            "partitionBy column '"
                + partitionBy
                + "' is a "
                + field.type().id()
                + "; partition by a string, int, long, boolean or date");
      }
      if (fields.size() == 1) {
        throw bad(
            source,
            "partitionBy column '"
                + partitionBy
                + "' is the only field; nothing would be left for the files");
      }
    }
    return new EtlSchema(fields, key, partitionBy);
  }

  private static Field find(List<Field> fields, String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }

  /** Whether a null is refused for the field: declared not nullable, or part of the key. */
  boolean required(int index) {
    Field f = fields.get(index);
    return !f.nullable() || key.contains(f.name());
  }

  /** The schema as JSON, to hand to MapReduce tasks through the job configuration. */
  String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Map<String, Object>> list = new ArrayList<>();
    for (Field f : fields) {
      list.add(Map.of("name", f.name(), "type", f.type().id(), "nullable", f.nullable()));
    }
    root.put("fields", list);
    root.put("key", key);
    if (partitionBy != null) {
      root.put("partitionBy", partitionBy);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BadInputException bad(String source, String problem) {
    return new BadInputException(oneLine("schema " + source + ": " + problem));
  }

  /** Values quoted in messages may hold line breaks; a user error is one line. */
  private static String oneLine(String message) {
    return message.replaceAll(
        "\\R", " "); // blanks around it stay: a regex eating them is quadratic on long runs
  }
}
