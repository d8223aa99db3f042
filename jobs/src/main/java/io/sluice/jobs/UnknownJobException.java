package io.sluice.jobs;

import java.util.Collection;

/** No registered job has the requested name. */
public class UnknownJobException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public UnknownJobException(String name, Collection<String> known) {
    super(
        "unknown job '"
            + name
            + "'; registered jobs: "
            + String.join(", ", known)
            + " (see `sluice jobs`)");
  }
}
