package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;

/** What a trial breaks at its moment: the step's own process, or a server the step talks to. */
interface Fault {

  /** The fault's name in the matrix, e.g. {@code SIGKILL sluice}. */
  String name();

  /**
   * Strikes while {@code step} runs. Returns whether the step was still running then (otherwise the
   * trial only checks that a repeated run changes nothing).
   */
  boolean strike(SluiceProcess step) throws Exception;

  /** SIGKILL of the CLI's JVM and every process it started. */
  static Fault killStep() {
    return new Fault() {
      @Override
      public String name() {
        return "SIGKILL sluice";
      }

      @Override
      public boolean strike(SluiceProcess step) {
        Process process = step.process();
        if (!process.isAlive()) {
          return false;
        }
        // Children first, listed before the parent dies and they are re-parented out of reach.
        var children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        return true;
      }
    };
  }

  /** Something that breaks a server while the step runs. */
  interface ServerAction {
    void run() throws Exception;
  }

  /** A server fault: {@code action} strikes whether or not the step still runs. */
  static Fault server(String name, ServerAction action) {
    return new Fault() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean strike(SluiceProcess step) throws Exception {
        boolean running = step.process().isAlive();
        action.run();
        return running;
      }
    };
  }
}
