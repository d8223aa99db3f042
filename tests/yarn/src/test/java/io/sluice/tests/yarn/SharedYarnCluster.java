package io.sluice.tests.yarn;

import java.io.File;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a {@link LocalYarnCluster} parameter (of a {@code @BeforeAll} method, typically) the one
 * cluster of this test JVM. Starting HDFS, a ResourceManager and a NodeManager takes about 20 s on
 * two cores, and the classes here only add their own files and applications, which they tell apart
 * from the others' by path and application id; JUnit's root store stops it when the run ends.
 */
final class SharedYarnCluster implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedYarnCluster.class);
  private static final File WORK = targetDir("yarn-cluster");

  /** A folder under this module's {@code target/}, for a test class's files. */
  static File targetDir(String name) {
    return new File(System.getProperty("basedir", "."), "target/" + name).getAbsoluteFile();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalYarnCluster.class;
  }

  @Override
  public LocalYarnCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            LocalYarnCluster.class,
            k -> {
              try {
                return LocalYarnCluster.start(SharedYarnCluster.class, WORK);
              } catch (Exception e) {
                throw new IllegalStateException(
                    "the YARN mini-cluster did not start under " + WORK, e);
              }
            },
            LocalYarnCluster.class);
  }
}
