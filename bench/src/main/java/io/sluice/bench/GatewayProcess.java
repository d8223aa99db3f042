package io.sluice.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/sluice serve API_FILE --port 0 --jar JAR} in a JVM of its own, as a user runs the
 * gateway: its allocation and collections are its own, and the benchmark's client threads' are not
 * charged to it. Its JVM options are the launcher's defaults for {@code serve}, or {@code
 * BENCH_GATEWAY_JAVA_OPTS} instead when set, plus a GC log (through {@code JDK_JAVA_OPTIONS}, so
 * the defaults stay), read back to count the collections that fell inside each measured run.
 */
final class GatewayProcess implements AutoCloseable {

  private static final Pattern ALLOCATED = Pattern.compile(" allocated=([0-9.]+)([BKMG])");
  private static final Pattern JIT_TOTAL = Pattern.compile("java\\.ci\\.totalTime=(\\d+)");
  private static final Pattern TICKS_PER_SECOND =
      Pattern.compile("sun\\.os\\.hrt\\.frequency=(\\d+)");
  private static final Pattern PAUSE = Pattern.compile("Pause .* (\\d+\\.\\d+)ms$");

  private final Process process;
  private final URI uri;
  private final Path gcLog;

  private GatewayProcess(Process process, URI uri, Path gcLog) {
    this.process = process;
    this.uri = uri;
    this.gcLog = gcLog;
  }

  /**
   * Starts the gateway with {@code launcher} and waits for its "serving URI" line; its access log
   * and other stderr lines go to {@code NAME.log} in {@code work}.
   */
  static GatewayProcess start(
      Path launcher, String name, Path api, Path jar, Map<String, String> env, Path work)
      throws IOException {
    Path gcLog = work.resolve(name + "-gc.log");
    Files.deleteIfExists(gcLog);
    List<String> command =
        List.of(
            launcher.toString(), "serve", api.toString(), "--port", "0", "--jar", jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(work.resolve(name + ".log").toFile());
    builder.environment().putAll(env);
    String options = System.getenv("BENCH_GATEWAY_JAVA_OPTS");
    if (options != null && !options.isBlank()) {
      builder.environment().put("SLUICE_JAVA_OPTS", options);
    } else {
      builder.environment().remove("SLUICE_JAVA_OPTS");
    }
    builder.environment().put("JDK_JAVA_OPTIONS", "-Xlog:gc:file=" + gcLog + ":uptime,level,tags");
    Process process = builder.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    // Bounded: the launcher prints its line or exits, and the stream ends when it does.
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("serving ")) {
        return new GatewayProcess(process, URI.create(line.substring(8).trim()), gcLog);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        String.join(" ", command) + " exited before serving; see " + work.resolve(name + ".log"));
  }

  URI uri() {
    return uri;
  }

  /** The gateway's GC pauses so far, in milliseconds, in the order the log has them. */
  List<Double> pauses() throws IOException {
    List<Double> pauses = new ArrayList<>();
    if (!Files.exists(gcLog)) {
      return pauses;
    }
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        pauses.add(Double.parseDouble(m.group(1)));
      }
    }
    return pauses;
  }

  /**
   * The gateway JVM's CPU time (user + system, clock ticks of 10 ms) and context switches
   * (voluntary and not, summed over its live threads) so far, from /proc: per request they do not
   * depend on how busy the machine is, as latencies do. Zeros where there is no /proc.
   */
  long[] cpuTicksAndSwitches() throws IOException {
    Path proc = Path.of("/proc", Long.toString(process.pid()));
    if (!Files.isDirectory(proc)) {
      return new long[2];
    }
    String stat = Files.readString(proc.resolve("stat"));
    // Fields after the command's closing parenthesis: state is 3rd, utime 14th, stime 15th.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    long switches = 0;
    try (var tasks = Files.list(proc.resolve("task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (IOException ended) {
          // the thread ended while listed
        }
      }
    }
    return new long[] {ticks, switches};
  }

  /**
   * Bytes the gateway JVM's live threads have allocated so far, from {@code jcmd PID Thread.print
   * -e} (rounded per thread to the unit it prints: within 1 MiB of a thread's hundreds): per
   * request, the gateway's allocation, which sets how often its young collections pause it.
   */
  long allocatedBytes() throws IOException, InterruptedException {
    String dump = jcmd("Thread.print", "-e");
    long total = 0;
    Matcher m = ALLOCATED.matcher(dump);
    while (m.find()) {
      long unit =
          switch (m.group(2)) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            default -> 1;
          };
      total += Math.round(Double.parseDouble(m.group(1)) * unit);
    }
    return total;
  }

  /**
   * Milliseconds the gateway JVM's JIT compilers have spent so far ({@code java.ci.totalTime} from
   * {@code jcmd PID PerfCounter.print}): compiling during a measured run competes with the requests
   * for the cores, so a steady state is one in which this no longer grows.
   */
  double jitMillis() throws IOException, InterruptedException {
    String counters = jcmd("PerfCounter.print");
    Matcher total = JIT_TOTAL.matcher(counters);
    Matcher frequency = TICKS_PER_SECOND.matcher(counters);
    if (!total.find() || !frequency.find()) {
      return 0;
    }
    return Long.parseLong(total.group(1)) * 1000.0 / Long.parseLong(frequency.group(1));
  }

  private String jcmd(String command, String... arguments)
      throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(process.pid())));
    line.add(command);
    line.addAll(List.of(arguments));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "jcmd " + process.pid() + " " + command + " failed: " + output);
    }
    return output;
  }

  /** Stops it as Ctrl-C would (it finishes what is in flight), forcibly after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
