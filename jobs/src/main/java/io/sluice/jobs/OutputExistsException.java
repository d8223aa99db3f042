package io.sluice.jobs;

/** The output location already exists and the run was not asked to replace it. */
public class OutputExistsException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public OutputExistsException(String location) {
    super(
        "output already exists: "
            + location
            + " (pass --overwrite to replace it; it was left untouched)");
  }
}
