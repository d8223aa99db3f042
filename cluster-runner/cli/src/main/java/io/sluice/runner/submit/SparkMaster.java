package io.sluice.runner.submit;

import io.sluice.jobs.BadInputException;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a job is submitted, as {@code --master} names it: {@code local[*]}, {@code
 * spark://host:port}, {@code k8s://https://host:port} or {@code yarn}.
 */
public record SparkMaster(Kind kind, String url) {

  public enum Kind {
    LOCAL,
    STANDALONE,
    KUBERNETES,
    YARN
  }

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\])?");
  private static final Pattern STANDALONE = Pattern.compile("spark://([^:/,]+):([0-9]{1,5})");

  public static SparkMaster parse(String text) {
    String t = text == null ? "" : text.trim();
    if (LOCAL.matcher(t).matches()) {
      return new SparkMaster(Kind.LOCAL, t);
    }
    if (t.equals("yarn")) {
      return new SparkMaster(Kind.YARN, t);
    }
    if (t.startsWith("spark://")) {
      Matcher m = STANDALONE.matcher(t);
      if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
        throw new BadInputException(
            "--master " + t + " is not a standalone master URL; expected spark://HOST:PORT");
      }
      return new SparkMaster(Kind.STANDALONE, t);
    }
    if (t.startsWith("k8s://")) {
      String api = t.substring("k8s://".length());
      URI uri;
      try {
        uri = URI.create(api.contains("://") ? api : "https://" + api);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(
            "--master " + t + " is not a Kubernetes API URL: " + e.getMessage());
      }
      if (uri.getHost() == null) {
        throw new BadInputException(
            "--master " + t + " names no host; expected k8s://https://HOST:PORT");
      }
      return new SparkMaster(Kind.KUBERNETES, t);
    }
    throw new BadInputException(
        "--master '"
            + t
            + "' is not one of local[*], local[N], spark://HOST:PORT, "
            + "k8s://https://HOST:PORT, yarn");
  }

  /** host of a standalone master. */
  String host() {
    Matcher m = STANDALONE.matcher(url);
    return m.matches() ? m.group(1) : null;
  }

  int port() {
    Matcher m = STANDALONE.matcher(url);
    return m.matches() ? Integer.parseInt(m.group(2)) : -1;
  }
}
