package io.sluice.jobs;

import java.util.Objects;

/**
 * One typed, documented parameter of a job. The command line turns each into an option
 * {@code --name}; {@code spark-submit} and {@code hadoop jar} entry points accept the same spelling.
 */
public record JobParameter(String name, Type type, String description, boolean required, String defaultValue) {

  /** Value types; each knows how to check a raw string. */
  public enum Type {
    /** A path or URI: bare path, file://, hdfs:// or s3://. */
    LOCATION,
    STRING,
    INT,
    LONG,
    /** A switch: present means true. */
    FLAG
  }

  public JobParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("parameter names are lower-case words joined by '-': " + name);
    }
  }

  public static JobParameter required(String name, Type type, String description) {
    return new JobParameter(name, type, description, true, null);
  }

  public static JobParameter optional(String name, Type type, String description, String defaultValue) {
    return new JobParameter(name, type, description, false, defaultValue);
  }

  public static JobParameter flag(String name, String description) {
    return new JobParameter(name, Type.FLAG, description, false, "false");
  }

  /** Checks a raw value, returning it normalised, or throws naming the parameter. */
  String check(String raw) {
    String value = raw.trim();
    try {
      switch (type) {
        case INT -> Integer.parseInt(value);
        case LONG -> Long.parseLong(value.replace("_", ""));
        case FLAG -> {
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new BadInputException("--" + name + " is a switch; it takes no value, got '" + raw + "'");
          }
        }
        case LOCATION, STRING -> {
          if (value.isEmpty()) {
            throw new BadInputException("--" + name + " must not be empty");
          }
        }
        default -> throw new IllegalStateException(type.name());
      }
    } catch (NumberFormatException e) {
      throw new BadInputException("--" + name + " expects " + type.name().toLowerCase() + ", got '" + raw + "'");
    }
    return type == Type.LONG ? value.replace("_", "") : value;
  }
}
