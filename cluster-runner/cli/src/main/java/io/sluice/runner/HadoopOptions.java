package io.sluice.runner;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code -D KEY=VALUE} (or {@code -DKEY=VALUE}), as Hadoop's GenericOptionsParser takes it, on the
 * commands that use Hadoop; the site files of {@code $HADOOP_CONF_DIR} come underneath.
 */
public final class HadoopOptions {

  @Option(
      names = "-D",
      paramLabel = "KEY=VALUE",
      description =
          "A Hadoop setting, on top of the *-site.xml files of $HADOOP_CONF_DIR"
              + " (else $HADOOP_HOME/etc/hadoop) and $YARN_CONF_DIR")
  Map<String, String> defines = new LinkedHashMap<>();

  /**
   * The site files the environment of {@code command} points at, with the {@code -D} settings on
   * top.
   */
  public HadoopSiteConfiguration site(CommandSpec command) {
    return HadoopSiteConfiguration.load(environment(command), defines);
  }

  /** The environment {@link SluiceCli#execute} was given, else the process's. */
  static Map<String, String> environment(CommandSpec spec) {
    if (spec != null && spec.root().userObject() instanceof SluiceCli cli) {
      return cli.environment;
    }
    return System.getenv();
  }
}
