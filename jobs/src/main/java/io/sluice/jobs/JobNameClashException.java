package io.sluice.jobs;

/** Two registered jobs have the same name: a command could not tell which one is meant. */
public class JobNameClashException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public JobNameClashException(
      String name, Class<?> first, String firstOrigin, Class<?> second, String secondOrigin) {
    super(
        "two jobs are named '"
            + name
            + "': "
            + first.getName()
            + " ("
            + firstOrigin
            + ") and "
            + second.getName()
            + " ("
            + secondOrigin
            + "); rename one of them or leave its jar out");
  }
}
