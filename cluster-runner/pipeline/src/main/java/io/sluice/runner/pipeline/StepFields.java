package io.sluice.runner.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of one step as written, read with their variables resolved; every error names the
 * file, the step and the field. Fields nobody asked for are reported by {@link #requireAllUsed()},
 * so a misspelt option never passes silently.
 */
final class StepFields {

  private final String source;
  private final int index;
  private final Map<String, Object> raw = new LinkedHashMap<>();
  private final Map<String, String> vars;
  private final Set<String> used = new HashSet<>();
  private String stepName;

  StepFields(String source, int index, Map<?, ?> fields, Map<String, String> vars) {
    this.source = source;
    this.index = index;
    fields.forEach((k, v) -> raw.put(String.valueOf(k), v));
    this.vars = vars;
  }

  void named(String name) {
    this.stepName = name;
  }

  String where(String field) {
    String step = stepName != null ? "step '" + stepName + "'" : "step " + index;
    return source + ": " + step + (field == null ? "" : ", field '" + field + "'");
  }

  InvalidPipelineException error(String field, String problem) {
    return new InvalidPipelineException(where(field) + ": " + problem);
  }

  String required(String field) {
    String v = optional(field);
    if (v == null || v.isBlank()) {
      throw error(
          field,
          "missing (required" + (stepName == null ? "" : " for kind " + raw.get("kind")) + ")");
    }
    return v;
  }

  String optional(String field) {
    used.add(field);
    Object v = raw.get(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      throw error(field, "must be a plain value, not a " + (v instanceof Map ? "mapping" : "list"));
    }
    return resolve(field, String.valueOf(v));
  }

  String optional(String field, String defaultValue) {
    String v = optional(field);
    return v == null ? defaultValue : v;
  }

  boolean flag(String field) {
    String v = optional(field);
    if (v == null) {
      return false;
    }
    if (!v.equals("true") && !v.equals("false")) {
      throw error(field, "must be true or false, not '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  /** A mapping of plain values (job options, SQL inputs); an absent field is empty. */
  Map<String, String> mapping(String field, boolean required) {
    used.add(field);
    Object v = raw.get(field);
    if (v == null) {
      if (required) {
        throw error(field, "missing (a mapping of name: value)");
      }
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw error(field, "must be a mapping of name: value");
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach(
        (k, value) -> {
          String key = String.valueOf(k);
          if (value == null || value instanceof Map || value instanceof List) {
            throw error(field + "." + key, "must have a plain value");
          }
          out.put(key, resolve(field + "." + key, String.valueOf(value)));
        });
    return out;
  }

  /** A list of plain values, or one value, or nothing. */
  List<String> list(String field) {
    used.add(field);
    Object v = raw.get(field);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o == null || o instanceof Map || o instanceof List) {
          throw error(field, "must be a list of plain values");
        }
        out.add(resolve(field, String.valueOf(o)));
      }
    } else if (v instanceof Map) {
      throw error(field, "must be a list or one value, not a mapping");
    } else {
      for (String s : resolve(field, String.valueOf(v)).split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  /**
   * Like {@link #list}, but null when the field is absent (an empty list is written {@code []}).
   */
  List<String> optionalList(String field) {
    used.add(field);
    return raw.containsKey(field) && raw.get(field) != null ? list(field) : null;
  }

  void requireAllUsed() {
    Set<String> unknown = new TreeSet<>(raw.keySet());
    unknown.removeAll(used);
    if (!unknown.isEmpty()) {
      TreeSet<String> known = new TreeSet<>(used);
      throw error(
          unknown.iterator().next(),
          "unknown field for kind " + raw.get("kind") + "; fields: " + known);
    }
  }

  private String resolve(String field, String value) {
    return PipelineDefinition.substitute(
        value,
        name -> {
          String v = vars.get(name);
          if (v == null) {
            throw error(
                field,
                "unknown variable ${"
                    + name
                    + "}; define it under 'vars:' or pass --var "
                    + name
                    + "=VALUE (known: "
                    + new TreeSet<>(vars.keySet())
                    + ")");
          }
          return v;
        },
        where(field));
  }
}
