package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import java.util.List;

/** One cell of the matrix: a step (a CLI command) on one storage, and how to read its result. */
interface KillCell {

  /** The step and storage, e.g. {@code run wordcount spark -> file}. */
  String where();

  /**
   * Whether readers must see all of the output or none of it (a job's directory, a table); else
   * (objects of a sync, items of a KV load) they may see some entries, but each one whole.
   */
  default boolean atomic() {
    return true;
  }

  /** Removes the step's output so the next run starts from the same state. */
  void reset() throws Exception;

  /** The step. */
  SluiceProcess.Builder command();

  /**
   * What runs after a fault, given what the faulted run printed: the same command unless the step
   * resumes ({@code --from}).
   */
  default SluiceProcess.Builder rerun(String faultedStdout) {
    return command();
  }

  /**
   * What a reader sees now, one entry per row, item or object (with its content or checksum), in
   * any order; an entry such as {@code <no _SUCCESS>} marks output visible but not committed.
   */
  List<String> visible() throws Exception;

  /** Staging directories, stage tables, pending multipart uploads: left behind, not visible. */
  long leftovers() throws Exception;
}
