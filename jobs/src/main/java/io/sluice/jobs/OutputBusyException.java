package io.sluice.jobs;

/** Another run is writing the same output; this one left it alone. */
public class OutputBusyException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public OutputBusyException(String location, String owner, String lock) {
    super(
        "output "
            + location
            + " is being written by another run ("
            + owner
            + "); if no such run is active, remove "
            + lock);
  }
}
