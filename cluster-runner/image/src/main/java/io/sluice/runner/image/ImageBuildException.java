package io.sluice.runner.image;

/** Building or pushing the image failed for a reason other than the request itself. */
public class ImageBuildException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageBuildException(String message) {
    super(message);
  }

  public ImageBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
