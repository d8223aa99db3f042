package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import java.util.List;
import java.util.function.Consumer;

/**
 * A cell that is another cell plus what a fault needs around it: a repair run before each reset (a
 * stopped DataNode started again), or a look at what each faulted run printed.
 */
final class ForwardingCell implements KillCell {

  /** A repair of what the fault broke. */
  @FunctionalInterface
  interface Repair {
    void run() throws Exception;
  }

  private final KillCell cell;
  private final Repair beforeReset;
  private final Consumer<String> faultedStdout;

  private ForwardingCell(KillCell cell, Repair beforeReset, Consumer<String> faultedStdout) {
    this.cell = cell;
    this.beforeReset = beforeReset;
    this.faultedStdout = faultedStdout;
  }

  /** {@code cell}, with {@code repair} run before each of its resets. */
  static KillCell repairedBeforeReset(KillCell cell, Repair repair) {
    return new ForwardingCell(cell, repair, stdout -> {});
  }

  /** {@code cell}, telling {@code seen} what each faulted run printed before it runs again. */
  static KillCell seeingFaultedRuns(KillCell cell, Consumer<String> seen) {
    return new ForwardingCell(cell, () -> {}, seen);
  }

  @Override
  public String where() {
    return cell.where();
  }

  @Override
  public boolean atomic() {
    return cell.atomic();
  }

  @Override
  public void reset() throws Exception {
    beforeReset.run();
    cell.reset();
  }

  @Override
  public SluiceProcess.Builder command() {
    return cell.command();
  }

  @Override
  public SluiceProcess.Builder rerun(String stdout) {
    faultedStdout.accept(stdout);
    return cell.rerun(stdout);
  }

  @Override
  public List<String> visible() throws Exception {
    return cell.visible();
  }

  @Override
  public long leftovers() throws Exception {
    return cell.leftovers();
  }
}
