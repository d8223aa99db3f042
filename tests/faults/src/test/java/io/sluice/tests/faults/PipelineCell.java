package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * A whole {@code sluice pipeline run}: log analytics (MapReduce) of the sample Apache logs, a
 * DuckDB load of its top URIs ({@code mode: replace}) and a SQL check. After a fault the run
 * resumes with {@code --from} the step the faulted run had started but not finished (all of it when
 * none had started or all had finished). The entries are the table's rows, plus {@code <no
 * _SUCCESS>} when the job's output is visible but uncommitted; leftovers are those of both.
 */
final class PipelineCell implements KillCell {

  private static final Pattern STARTED = Pattern.compile("^\\[\\d+/\\d+\\] (\\S+) \\(");
  private static final Pattern DONE = Pattern.compile("^\\[\\d+/\\d+\\] (\\S+) done:");

  private final Path pipeline;
  private final WarehouseCell table;
  private final JobOutputCell etl;

  PipelineCell(Path dir, Path repo) throws IOException {
    Files.createDirectories(dir);
    Path db = dir.resolve("warehouse.duckdb");
    Path out = dir.resolve("out");
    this.pipeline = dir.resolve("faults.yaml");
    Files.writeString(
        pipeline,
        String.join(
            "\n",
            "name: faults",
            "steps:",
            "  - name: access-logs",
            "    kind: job",
            "    job: logs",
            "    engine: mapreduce",
            "    options:",
            "      input: " + repo.resolve("sample-data/logs/apache"),
            "      output: " + out.resolve("logs"),
            "      overwrite: true",
            "  - {name: load-top-uris, kind: load-warehouse, input: "
                + out.resolve("logs/top_uris")
                + ", table: top_uris, mode: replace, target: \"duckdb:"
                + db
                + "\"}",
            "  - {name: count-top-uris, kind: sql-check, target: \"duckdb:"
                + db
                + "\", query: SELECT count(*) FROM top_uris, expect: \"> 0\"}",
            ""));
    this.table =
        new WarehouseCell("", "top_uris", dir, "duckdb:" + db, "jdbc:duckdb:" + db, Map.of());
    this.etl =
        new JobOutputCell(
            "",
            List.of(),
            out.resolve("logs").toUri().toString(),
            new Configuration(),
            Map.of(),
            output -> 0);
  }

  @Override
  public String where() {
    return "pipeline run (logs mapreduce -> load warehouse duckdb -> sql-check), --from resume";
  }

  @Override
  public void reset() throws Exception {
    table.reset();
    etl.reset();
  }

  @Override
  public SluiceProcess.Builder command() {
    return SluiceProcess.cli("pipeline", "run", pipeline.toString());
  }

  @Override
  public SluiceProcess.Builder rerun(String faultedStdout) {
    String from = null;
    for (String line : faultedStdout.lines().toList()) {
      Matcher done = DONE.matcher(line);
      Matcher started = STARTED.matcher(line);
      if (done.find()) {
        from = null;
      } else if (started.find()) {
        from = started.group(1);
      }
    }
    return from == null
        ? command()
        : SluiceProcess.cli("pipeline", "run", pipeline.toString(), "--from", from);
  }

  @Override
  public List<String> visible() throws Exception {
    List<String> entries = new ArrayList<>(table.visible());
    if (etl.visible().contains(JobOutputCell.UNCOMMITTED)) {
      entries.add(JobOutputCell.UNCOMMITTED);
    }
    return entries;
  }

  @Override
  public long leftovers() throws Exception {
    return table.leftovers() + etl.leftovers();
  }
}
