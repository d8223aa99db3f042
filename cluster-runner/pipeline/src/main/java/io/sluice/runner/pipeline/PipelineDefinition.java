package io.sluice.runner.pipeline;

import io.sluice.yaml.BoundedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline file: a name, variables, ordered steps, what each step waits for and how many steps
 * may run at once, every value with its {@code ${variables}} resolved. Built only by {@link
 * #load}/{@link #parse}, which reject anything they do not know with a message naming the file, the
 * step and the field.
 *
 * <pre>
 * name: demo
 * vars: {bucket: s3://sluice-demo}
 * steps:
 *   - {name: etl-orders, kind: job, job: etl, options: {input: ..., output: ${bucket}/orders}}
 * </pre>
 *
 * <p>{@code ${pipeline_dir}} is the folder of the file (absolute), so a pipeline can name data
 * beside it; {@code --var k=v} overrides or adds variables. {@code jars:} lists users' jars whose
 * jobs {@code job} steps may run (relative paths are resolved against the file's folder).
 *
 * <p>{@code needs} maps every step to the steps it waits for: those its {@code needs:} field names
 * (earlier steps only), or, without that field, the step before it in the file, so a file without
 * {@code needs:} runs in file order. {@code concurrency} (1 to {@value #MAX_CONCURRENCY}, default
 * 1) bounds how many ready steps run at once.
 */
public record PipelineDefinition(
    String source,
    String name,
    Map<String, String> vars,
    List<PipelineStep> steps,
    List<Path> jars,
    Map<String, List<String>> needs,
    int concurrency) {

  /** The built-in variable: the absolute folder of the pipeline file. */
  public static final String PIPELINE_DIR_VAR = "pipeline_dir";

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern STEP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** 1 MiB, 50 levels and 20 aliases to collections: far beyond any pipeline file. */
  private static final BoundedYaml.Limits YAML_LIMITS = new BoundedYaml.Limits(1 << 20, 50, 20);

  /** A value's length after ${variables}: far beyond any path or query; stops a variable bomb. */
  static final int MAX_VALUE_CHARS = 1 << 20;

  /** The most steps a pipeline runs at once: beyond what one driver's machine runs usefully. */
  public static final int MAX_CONCURRENCY = 16;

  private static final Set<String> TOP_FIELDS =
      Set.of("name", "description", "vars", "jars", "concurrency", "steps");

  public PipelineDefinition {
    vars = Map.copyOf(vars);
    steps = List.copyOf(steps);
    jars = List.copyOf(jars);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    needs.forEach((step, needed) -> copy.put(step, List.copyOf(needed)));
    needs = java.util.Collections.unmodifiableMap(copy);
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "concurrency " + concurrency + " is not in 1.." + MAX_CONCURRENCY);
    }
  }

  /** A pipeline of built-in jobs only, run in file order. */
  public PipelineDefinition(
      String source, String name, Map<String, String> vars, List<PipelineStep> steps) {
    this(source, name, vars, steps, List.of(), inFileOrder(steps), 1);
  }

  /**
   * This pipeline with {@code concurrency} instead of the file's; {@code option} names where the
   * value came from in the error (e.g. {@code --concurrency}).
   */
  public PipelineDefinition withConcurrency(int concurrency, String option) {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new InvalidPipelineException(option + " " + concurrency + ": " + concurrencyRule());
    }
    return new PipelineDefinition(source, name, vars, steps, jars, needs, concurrency);
  }

  /** The steps {@code step} waits for (see the class comment). */
  public List<String> needsOf(String step) {
    return needs.getOrDefault(step, List.of());
  }

  private static Map<String, List<String>> inFileOrder(List<PipelineStep> steps) {
    Map<String, List<String>> needs = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      needs.put(steps.get(i).name(), i == 0 ? List.of() : List.of(steps.get(i - 1).name()));
    }
    return needs;
  }

  private static String concurrencyRule() {
    return "must be a whole number from 1 to " + MAX_CONCURRENCY + " (steps run at once)";
  }

  /** Reads and checks a pipeline file; {@code overrides} are the {@code --var} values. */
  public static PipelineDefinition load(Path file, Map<String, String> overrides) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidPipelineException("pipeline file " + file + " does not exist");
    } catch (IOException e) {
      throw new InvalidPipelineException(
          "cannot read pipeline file " + file + ": " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    return parse(text, file.toString(), dir, overrides);
  }

  /**
   * Parses pipeline text; {@code source} names it in messages, {@code dir} is {@code
   * ${pipeline_dir}}.
   */
  public static PipelineDefinition parse(
      String text, String source, Path dir, Map<String, String> overrides) {
    Object root =
        BoundedYaml.load(
            text,
            source,
            YAML_LIMITS,
            (where, problem) ->
                new InvalidPipelineException(where + ": not valid YAML: " + problem));
    if (!(root instanceof Map<?, ?> top)) {
      throw new InvalidPipelineException(
          source + ": expected a mapping with 'steps:' (and optionally 'name:', 'vars:')");
    }
    for (Object key : top.keySet()) {
      if (!TOP_FIELDS.contains(String.valueOf(key))) {
        throw new InvalidPipelineException(
            source + ": unknown field '" + key + "'; expected one of " + new TreeSet<>(TOP_FIELDS));
      }
    }
    Map<String, String> rawVars = new LinkedHashMap<>();
    if (dir != null) {
      rawVars.put(PIPELINE_DIR_VAR, dir.toString());
    }
    Object varsNode = top.get("vars");
    if (varsNode != null) {
      if (!(varsNode instanceof Map<?, ?> vm)) {
        throw new InvalidPipelineException(source + ": 'vars' must be a mapping of name: value");
      }
      vm.forEach(
          (k, v) -> {
            String key = String.valueOf(k);
            if (!VAR_NAME.matcher(key).matches()) {
              throw new InvalidPipelineException(
                  source + ": variable name '" + key + "' is not a name (letters, digits, _ . -)");
            }
            if (v == null || v instanceof Map || v instanceof List) {
              throw new InvalidPipelineException(
                  source + ": variable '" + key + "' must have a plain value");
            }
            rawVars.put(key, String.valueOf(v));
          });
    }
    overrides.forEach(
        (k, v) -> {
          if (!VAR_NAME.matcher(k).matches()) {
            throw new InvalidPipelineException(
                "--var " + k + "=" + v + ": '" + k + "' is not a variable name");
          }
          rawVars.put(k, v);
        });
    Map<String, String> vars = new LinkedHashMap<>();
    for (String k : rawVars.keySet()) {
      vars.put(k, resolveVar(k, rawVars, vars, new HashSet<>(), source));
    }
    String name = top.get("name") == null ? baseName(source) : String.valueOf(top.get("name"));
    List<Path> jars = jars(top.get("jars"), source, dir, vars);
    Object stepsNode = top.get("steps");
    if (!(stepsNode instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidPipelineException(source + ": 'steps' must be a non-empty list of steps");
    }
    int concurrency = concurrency(top.get("concurrency"), source);
    List<PipelineStep> steps = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Map<String, List<String>> needs = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new InvalidPipelineException(
            source + ": step " + (i + 1) + " is not a mapping of fields");
      }
      StepFields fields = new StepFields(source, i + 1, m, vars);
      PipelineStep step = StepParser.parse(fields);
      List<String> needed = fields.optionalList("needs");
      fields.requireAllUsed();
      if (!names.add(step.name())) {
        throw new InvalidPipelineException(
            source
                + ": step "
                + (i + 1)
                + ": the name '"
                + step.name()
                + "' is used by an earlier step; step names must be unique");
      }
      if (needed == null) {
        needed = steps.isEmpty() ? List.of() : List.of(steps.get(steps.size() - 1).name());
      } else {
        checkNeeds(fields, step.name(), needed, steps, list);
      }
      needs.put(step.name(), needed);
      steps.add(step);
    }
    return new PipelineDefinition(source, name, vars, steps, jars, needs, concurrency);
  }

  private static int concurrency(Object node, String source) {
    if (node == null) {
      return 1;
    }
    if (!(node instanceof Integer n) || n < 1 || n > MAX_CONCURRENCY) {
      throw new InvalidPipelineException(
          source + ": field 'concurrency': " + concurrencyRule() + ", not '" + node + "'");
    }
    return n;
  }

  /**
   * A step may wait only for steps before it: that rules out cycles, and keeps file order a valid
   * order to run them in (what concurrency 1 does).
   */
  private static void checkNeeds(
      StepFields fields,
      String step,
      List<String> needed,
      List<PipelineStep> earlier,
      List<?> allSteps) {
    Set<String> seen = new HashSet<>();
    for (String n : needed) {
      if (n.equals(step)) {
        throw fields.error("needs", "a step cannot need itself");
      }
      if (!seen.add(n)) {
        throw fields.error("needs", "'" + n + "' is listed twice");
      }
      if (earlier.stream().noneMatch(s -> s.name().equals(n))) {
        boolean later =
            allSteps.stream()
                .anyMatch(s -> s instanceof Map<?, ?> m && n.equals(String.valueOf(m.get("name"))));
        throw fields.error(
            "needs",
            later
                ? "'" + n + "' comes later in the file; a step can only need steps before it"
                : "no step named '"
                    + n
                    + "' before this one; steps before it: "
                    + (earlier.isEmpty()
                        ? "none"
                        : String.join(", ", earlier.stream().map(PipelineStep::name).toList())));
      }
    }
  }

  /**
   * {@code jars: [a.jar, ${lib}/b.jar]}: variables substituted, relative paths against the file's
   * folder.
   */
  private static List<Path> jars(Object node, String source, Path dir, Map<String, String> vars) {
    if (node == null) {
      return List.of();
    }
    List<?> entries = node instanceof List<?> list ? list : null;
    if (entries == null
        || entries.stream().anyMatch(e -> e == null || e instanceof Map || e instanceof List)) {
      throw new InvalidPipelineException(
          source + ": 'jars' must be a list of jar paths, e.g. jars: [lib/my-jobs.jar]");
    }
    List<Path> jars = new ArrayList<>();
    for (Object e : entries) {
      String text =
          substitute(
              String.valueOf(e),
              v -> {
                if (!vars.containsKey(v)) {
                  throw new InvalidPipelineException(
                      source
                          + ": jars: unknown variable ${"
                          + v
                          + "}; known: "
                          + new TreeSet<>(vars.keySet()));
                }
                return vars.get(v);
              },
              source + ": jars");
      Path jar;
      try {
        jar = Path.of(text);
      } catch (InvalidPathException ex) {
        throw new InvalidPipelineException(
            source + ": jars: '" + text + "' is not a valid path: " + ex.getReason());
      }
      jars.add(dir == null || jar.isAbsolute() ? jar : dir.resolve(jar).normalize());
    }
    return jars;
  }

  /** The steps {@code --from}/{@code --only} select, in order; null for both selects all. */
  public List<PipelineStep> select(String from, String only) {
    if (from != null && only != null) {
      throw new InvalidPipelineException("--from and --only cannot be combined");
    }
    String wanted = from != null ? from : only;
    if (wanted == null) {
      return steps;
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(wanted)) {
        return only != null ? List.of(steps.get(i)) : steps.subList(i, steps.size());
      }
    }
    throw new InvalidPipelineException(
        source
            + ": no step named '"
            + wanted
            + "'; steps: "
            + String.join(", ", steps.stream().map(PipelineStep::name).toList()));
  }

  /**
   * Whether a step names an s3:// location (then S3 settings, or the embedded endpoint, are
   * needed).
   */
  static boolean mentionsS3(PipelineStep step) {
    // Every field of a step record is a value as written (variables resolved), so its text is
    // enough.
    return step.toString().contains("s3://");
  }

  static boolean validStepName(String name) {
    return STEP_NAME.matcher(name).matches();
  }

  private static String resolveVar(
      String key,
      Map<String, String> raw,
      Map<String, String> resolved,
      Set<String> seen,
      String source) {
    if (resolved.containsKey(key)) {
      return resolved.get(key); // once each: ${a}${a} in b, ${b}${b} in c... stays linear
    }
    if (!seen.add(key)) {
      throw new InvalidPipelineException(
          source + ": variable '" + key + "' refers to itself through " + seen);
    }
    String value =
        substitute(
            raw.get(key),
            name -> {
              if (!raw.containsKey(name)) {
                throw new InvalidPipelineException(
                    source
                        + ": variable '"
                        + key
                        + "': unknown variable ${"
                        + name
                        + "}; known: "
                        + new TreeSet<>(raw.keySet()));
              }
              return resolveVar(name, raw, resolved, seen, source);
            },
            source + ": variable '" + key + "'");
    seen.remove(key);
    resolved.put(key, value);
    return value;
  }

  /**
   * Replaces every {@code ${name}} with {@code lookup(name)}; {@code where} names the value in the
   * error when it grows past {@link #MAX_VALUE_CHARS} (variables of variables grow exponentially).
   */
  static String substitute(
      String text, java.util.function.Function<String, String> lookup, String where) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(lookup.apply(m.group(1).trim())));
      if (out.length() > MAX_VALUE_CHARS) {
        throw new InvalidPipelineException(
            where + ": expands to more than " + MAX_VALUE_CHARS + " characters");
      }
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String baseName(String source) {
    String n = Path.of(source).getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
