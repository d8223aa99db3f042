package io.sluice.jobs;

import io.sluice.storage.StorageUri;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked values of a job's parameters, read back by type. Serializable, so Spark tasks can
 * carry them; MapReduce tasks get them through the job's configuration ({@link #restore}).
 */
public final class JobParameters implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<String, String> values;

  private JobParameters(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Checks raw values against a job's declared parameters: unknown names, missing required ones and
   * ill-typed values are rejected with a message naming the parameter.
   */
  public static JobParameters of(Job job, Map<String, String> raw) {
    Map<String, JobParameter> declared = new LinkedHashMap<>();
    job.parameters().forEach(p -> declared.put(p.name(), p));
    for (String name : raw.keySet()) {
      if (!declared.containsKey(name)) {
        throw new BadInputException(
            "job '"
                + job.name()
                + "' has no parameter --"
                + name
                + "; it takes: "
                + String.join(", ", declared.keySet().stream().map(n -> "--" + n).toList()));
      }
    }
    Map<String, String> checked = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (JobParameter p : declared.values()) {
      String value = raw.get(p.name());
      if (value == null) {
        if (p.required()) {
          missing.add("--" + p.name());
          continue;
        }
        value = p.defaultValue();
      }
      if (value != null) {
        checked.put(p.name(), p.check(value));
      }
    }
    if (!missing.isEmpty()) {
      throw new BadInputException("job '" + job.name() + "' needs " + String.join(", ", missing));
    }
    return new JobParameters(Collections.unmodifiableMap(checked));
  }

  /**
   * Parses {@code --name value} / {@code --flag} arguments, as given to the spark-submit and
   * hadoop-jar entry points.
   */
  public static JobParameters parseArgs(Job job, String[] args) {
    Map<String, JobParameter> declared = new LinkedHashMap<>();
    job.parameters().forEach(p -> declared.put(p.name(), p));
    Map<String, String> raw = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new BadInputException(
            "unexpected argument '" + arg + "'; parameters are given as --name value");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      JobParameter p = declared.get(name);
      if (value == null) {
        if (p != null && p.type() == JobParameter.Type.FLAG) {
          value = "true";
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new BadInputException("--" + name + " needs a value");
        }
      }
      raw.put(name, value);
    }
    return of(job, raw);
  }

  /** Values that were checked before (e.g. carried to a MapReduce task in its configuration). */
  public static JobParameters restore(Map<String, String> checked) {
    return new JobParameters(Collections.unmodifiableMap(new LinkedHashMap<>(checked)));
  }

  /** Whether the parameter has a value (given, or a default). */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("parameter --" + name + " has no value and no default");
    }
    return value;
  }

  public StorageUri location(String name) {
    try {
      return StorageUri.parse(string(name));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--" + name + ": " + e.getMessage(), e);
    }
  }

  public int intValue(String name) {
    return Integer.parseInt(string(name));
  }

  public long longValue(String name) {
    return Long.parseLong(string(name));
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
