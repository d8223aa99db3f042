package io.sluice.jobs;

/** An input location does not exist. */
public class InputNotFoundException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public InputNotFoundException(String parameter, String location) {
    super("input not found: --" + parameter + " " + location + " does not exist");
  }
}
