package io.sluice.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The engines a job can run on. */
public enum Engine {
  SPARK("spark"),
  MAPREDUCE("mapreduce");

  private final String id;

  Engine(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Parses an engine name as typed on the command line. */
  public static Engine parse(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Engine engine : values()) {
      if (engine.id.equals(wanted)) {
        return engine;
      }
    }
    throw new BadInputException(
        "unknown engine '"
            + name
            + "'; choose one of: "
            + Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
