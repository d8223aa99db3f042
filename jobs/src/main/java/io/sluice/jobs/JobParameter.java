package io.sluice.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One typed, documented parameter of a job. The command line turns each into an option {@code
 * --name}; {@code spark-submit} and {@code hadoop jar} entry points accept the same spelling.
 *
 * <p>A parameter is checked before anything runs: its type, its range ({@link #min}/{@link #max}
 * for numbers) and its {@link #choices}. A location parameter may carry a {@link Role}: the job
 * base ({@link SluiceJob}) checks that every {@link Role#INPUT} exists and stages the {@link
 * Role#OUTPUT} so that it appears only when the run succeeded.
 *
 * <pre>{@code
 * JobParameter.input("input", "CSV files to read"),
 * JobParameter.output("output", "Directory for part-* files"),
 * JobParameter.overwrite(),
 * JobParameter.optional("reducers", Type.INT, "Reduce tasks", "1").atLeast(1),
 * JobParameter.optional("format", Type.STRING, "csv or jsonl", "csv").oneOf("csv", "jsonl")
 * }</pre>
 *
 * @param min the smallest allowed value of an INT or LONG parameter, or null
 * @param max the largest allowed value of an INT or LONG parameter, or null
 * @param choices the allowed values of a STRING parameter (compared ignoring case), empty for any
 */
public record JobParameter(
    String name,
    Type type,
    String description,
    boolean required,
    String defaultValue,
    Role role,
    Long min,
    Long max,
    List<String> choices) {

  /** The name of the switch that lets a run replace an existing output. */
  public static final String OVERWRITE = "overwrite";

  public static final String REDUCERS = "reducers";

  /** The usual name of a job's one input ({@link #input(String)}). */
  public static final String INPUT = "input";

  /** The usual name of a job's output ({@link #output(String)}). */
  public static final String OUTPUT = "output";

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

  /** What the job base does with a location before and after the run. */
  public enum Role {
    /** Nothing: the job reads it itself (a schema file, a reference table). */
    NONE,
    /** Must exist before the run; its size counts as bytes in. */
    INPUT,
    /** Written through a staging location and committed only on success (one per job). */
    OUTPUT
  }

  public JobParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    role = role == null ? Role.NONE : role;
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "parameter names are lower-case words joined by '-': " + name);
    }
    if (role != Role.NONE && type != Type.LOCATION) {
      throw new IllegalArgumentException("--" + name + ": only locations are inputs or outputs");
    }
    if ((min != null || max != null) && type != Type.INT && type != Type.LONG) {
      throw new IllegalArgumentException(
          "--" + name + ": only INT and LONG parameters have a range");
    }
    if (!choices.isEmpty() && type != Type.STRING) {
      throw new IllegalArgumentException("--" + name + ": only STRING parameters have choices");
    }
  }

  public JobParameter(
      String name, Type type, String description, boolean required, String defaultValue) {
    this(name, type, description, required, defaultValue, Role.NONE, null, null, List.of());
  }

  public static JobParameter required(String name, Type type, String description) {
    return new JobParameter(name, type, description, true, null);
  }

  public static JobParameter optional(
      String name, Type type, String description, String defaultValue) {
    return new JobParameter(name, type, description, false, defaultValue);
  }

  public static JobParameter flag(String name, String description) {
    return new JobParameter(name, Type.FLAG, description, false, "false");
  }

  /** A required location the run reads: it must exist, and its size is the run's bytes in. */
  public static JobParameter input(String name, String description) {
    return new JobParameter(
        name, Type.LOCATION, description, true, null, Role.INPUT, null, null, List.of());
  }

  /** The required location the run writes, staged and committed atomically by the job base. */
  public static JobParameter output(String name, String description) {
    return new JobParameter(
        name, Type.LOCATION, description, true, null, Role.OUTPUT, null, null, List.of());
  }

  /** {@code --input}: the job's one input, the usual spelling. */
  public static JobParameter input(String description) {
    return input(INPUT, description);
  }

  /** {@code --output}: the job's output, the usual spelling. */
  public static JobParameter output(String description) {
    return output(OUTPUT, description);
  }

  /** The {@code --overwrite} switch: without it, an existing output is refused before the run. */
  public static JobParameter overwrite() {
    return flag(OVERWRITE, "Replace the output directory if it exists");
  }

  /**
   * {@code --reducers}: how many reduce tasks or Spark partitions write the output, 1 by default.
   */
  public static JobParameter reducers(String description) {
    return optional(REDUCERS, Type.INT, description, "1").atLeast(1);
  }

  /** This parameter with a smallest allowed value (INT or LONG). */
  public JobParameter atLeast(long minimum) {
    return new JobParameter(
        name, type, description, required, defaultValue, role, minimum, max, choices);
  }

  /** This parameter with a largest allowed value (INT or LONG). */
  public JobParameter atMost(long maximum) {
    return new JobParameter(
        name, type, description, required, defaultValue, role, min, maximum, choices);
  }

  /** This parameter restricted to the given values (STRING, compared ignoring case). */
  public JobParameter oneOf(String... allowed) {
    return new JobParameter(
        name, type, description, required, defaultValue, role, min, max, List.of(allowed));
  }

  /**
   * Checks a raw value, returning it normalised, or throws {@link BadInputException} naming the
   * parameter.
   */
  String check(String raw) {
    String value = raw.trim();
    try {
      switch (type) {
        case INT -> checkRange(Integer.parseInt(value), raw);
        case LONG -> checkRange(Long.parseLong(value.replace("_", "")), raw);
        case FLAG -> {
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new BadInputException(
                "--" + name + " is a switch; it takes no value, got '" + raw + "'");
          }
        }
        case LOCATION, STRING -> {
          if (value.isEmpty()) {
            throw new BadInputException("--" + name + " must not be empty");
          }
          if (!choices.isEmpty()) {
            return choices.stream()
                .filter(c -> c.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(
                    () ->
                        new BadInputException(
                            "--"
                                + name
                                + " must be one of "
                                + String.join(", ", choices)
                                + "; got '"
                                + raw
                                + "'"));
          }
        }
        default -> throw new IllegalStateException(type.name());
      }
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "--" + name + " expects " + type.name().toLowerCase(Locale.ROOT) + ", got '" + raw + "'");
    }
    return type == Type.LONG ? value.replace("_", "") : value;
  }

  private void checkRange(long value, String raw) {
    if (min != null && value < min) {
      throw new BadInputException("--" + name + " must be at least " + min + ", got " + raw.trim());
    }
    if (max != null && value > max) {
      throw new BadInputException("--" + name + " must be at most " + max + ", got " + raw.trim());
    }
  }
}
