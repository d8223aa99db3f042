package io.sluice.warehouse;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One load: the input, the target table, the mode, the key columns of an upsert, where rejected CSV
 * rows go, and the load id recorded in the load history (by default the input's fingerprint).
 */
public final class LoadRequest {

  /** How often (in rows) progress is reported. */
  public static final long DEFAULT_PROGRESS_INTERVAL = 100_000;

  private final LoadInput input;
  private final TableName table;
  private final LoadMode mode;
  private final List<String> keyColumns;
  private final Path quarantine;
  private final String loadId;
  private final LoadProgress progress;
  private final long progressInterval;

  private LoadRequest(Builder b) {
    this.input = Objects.requireNonNull(b.input, "input");
    this.table = Objects.requireNonNull(b.table, "table");
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.keyColumns = List.copyOf(b.keyColumns);
    this.quarantine = b.quarantine;
    this.loadId = b.loadId != null ? b.loadId : input.fingerprint();
    this.progress = b.progress;
    this.progressInterval = b.progressInterval;
    if (mode == LoadMode.UPSERT && keyColumns.isEmpty()) {
      throw new InvalidLoadRequestException(
          "mode upsert needs --key COLUMN (the column(s) rows are matched on)");
    }
    if (mode != LoadMode.UPSERT && !keyColumns.isEmpty()) {
      throw new InvalidLoadRequestException("--key is only for mode upsert, not " + mode.label());
    }
    keyColumns.forEach(Identifiers::checkColumn);
    if (loadId.isBlank() || loadId.length() > 200) {
      throw new InvalidLoadRequestException("load id must be 1-200 characters");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public LoadInput input() {
    return input;
  }

  public TableName table() {
    return table;
  }

  public LoadMode mode() {
    return mode;
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  /**
   * The file rejected CSV rows are written to (line, reason, the row); null: next to the working
   * dir.
   */
  public Path quarantine() {
    return quarantine != null
        ? quarantine
        : Path.of(
            ".sluice",
            "quarantine",
            table + "-" + loadId.substring(0, Math.min(12, loadId.length())) + ".csv");
  }

  public String loadId() {
    return loadId;
  }

  public LoadProgress progress() {
    return progress;
  }

  public long progressInterval() {
    return progressInterval;
  }

  /** Builder; input, table and mode are required. */
  public static final class Builder {
    private LoadInput input;
    private TableName table;
    private LoadMode mode = LoadMode.CREATE;
    private List<String> keyColumns = List.of();
    private Path quarantine;
    private String loadId;
    private LoadProgress progress = LoadProgress.NONE;
    private long progressInterval = DEFAULT_PROGRESS_INTERVAL;

    public Builder input(LoadInput input) {
      this.input = input;
      return this;
    }

    public Builder table(TableName table) {
      this.table = table;
      return this;
    }

    public Builder mode(LoadMode mode) {
      this.mode = mode;
      return this;
    }

    public Builder keyColumns(List<String> keys) {
      this.keyColumns = keys == null ? List.of() : keys;
      return this;
    }

    public Builder quarantine(Path path) {
      this.quarantine = path;
      return this;
    }

    public Builder loadId(String id) {
      this.loadId = id;
      return this;
    }

    public Builder progress(LoadProgress listener, long everyRows) {
      if (everyRows < 1) {
        throw new IllegalArgumentException("progress interval must be >= 1 row");
      }
      this.progress = Objects.requireNonNull(listener);
      this.progressInterval = everyRows;
      return this;
    }

    public LoadRequest build() {
      return new LoadRequest(this);
    }
  }
}
