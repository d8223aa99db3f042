package io.sluice.testing;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit 5 extension behind {@link SluiceTest}: resolves constructor, lifecycle and test method
 * parameters of these types, starting each fixture on its first request and stopping it when its
 * scope ends.
 *
 * <table>
 *   <caption>Fixtures and their scopes</caption>
 *   <tr><th>parameter type</th><th>what it is</th><th>scope</th></tr>
 *   <tr><td>{@link SparkSession}</td><td>Spark {@code local[2]}, 4 shuffle partitions, no UI, driver on
 *       127.0.0.1</td><td>one per JVM, shared by every test class; stopped at the end of the test run</td></tr>
 *   <tr><td>{@link MiniDfs}</td><td>a MiniDFSCluster on random ports of 127.0.0.1</td><td>one per test
 *       class</td></tr>
 *   <tr><td>{@link S3Bucket}</td><td>a fresh bucket on the embedded S3 endpoint (the endpoint is one per
 *       JVM)</td><td>one per test method (per class when asked for at class level)</td></tr>
 *   <tr><td>{@link DynamoDbServer}</td><td>a DynamoDB API server (dynalite) in memory</td><td>one per test
 *       class; skipped when dynalite is missing (a failure when {@code CI=true})</td></tr>
 *   <tr><td>{@link DuckDbFile}</td><td>an empty DuckDB warehouse file</td><td>one per test method (per
 *       class when asked for at class level)</td></tr>
 *   <tr><td>{@link Sluice}</td><td>runs jobs with the running fixtures' settings</td><td>a stateless
 *       handle</td></tr>
 * </table>
 *
 * <p>{@link io.sluice.jobs.Engine} and {@link TestStorage} parameters come from the test templates
 * {@link AcrossEngines}, {@link AcrossStorages} and {@link AcrossEnginesAndStorages}.
 *
 * <p>Tests that use the extension run one at a time in a JVM (the Spark session and the settings it
 * carries are the JVM's). Code under test must not stop the shared session; if it does, the next
 * request starts a new one. Code that builds its own {@code SparkSession} in the same JVM gets the
 * shared one from {@code getOrCreate()} without its settings: run such tests in a JVM of their own.
 */
public final class SluiceExtension
    implements ParameterResolver, BeforeAllCallback, BeforeEachCallback {

  private static final Set<Class<?>> FIXTURES =
      Set.of(
          SparkSession.class,
          MiniDfs.class,
          S3Bucket.class,
          DynamoDbServer.class,
          DuckDbFile.class,
          Sluice.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return FIXTURES.contains(type)
        || type == TestStorage.class && !AcrossInvocations.givesStorage(context);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == SparkSession.class) {
      return Fixtures.spark(context);
    }
    if (type == MiniDfs.class) {
      return Fixtures.miniDfs(context);
    }
    if (type == S3Bucket.class) {
      return Fixtures.s3Bucket(context);
    }
    if (type == DynamoDbServer.class) {
      return Fixtures.dynamoDb(context);
    }
    if (type == DuckDbFile.class) {
      return Fixtures.duckDb(context);
    }
    if (type == Sluice.class) {
      return Sluice.withContextClassLoaderJobs();
    }
    throw new ParameterResolutionException(
        parameter.getParameter()
            + ": a TestStorage is given to test templates "
            + "annotated @AcrossStorages or @AcrossEnginesAndStorages, one per storage");
  }

  /**
   * Starts the class's DynamoDB server before the class when a class-level method or the
   * constructor asks for it, so a missing dynalite skips the class instead of failing it.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    List<Executable> asking = new ArrayList<>(Arrays.asList(testClass.getDeclaredConstructors()));
    asking.addAll(
        AnnotationSupport.findAnnotatedMethods(
            testClass, BeforeAll.class, HierarchyTraversalMode.TOP_DOWN));
    asking.addAll(
        AnnotationSupport.findAnnotatedMethods(
            testClass, AfterAll.class, HierarchyTraversalMode.TOP_DOWN));
    if (asksFor(asking, DynamoDbServer.class)) {
      Fixtures.dynamoDb(context);
    }
  }

  /**
   * Likewise for a test (or its @BeforeEach/@AfterEach methods) that asks for the DynamoDB server.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    List<Executable> asking = new ArrayList<>();
    asking.add(context.getRequiredTestMethod());
    asking.addAll(
        AnnotationSupport.findAnnotatedMethods(
            testClass, BeforeEach.class, HierarchyTraversalMode.TOP_DOWN));
    asking.addAll(
        AnnotationSupport.findAnnotatedMethods(
            testClass, AfterEach.class, HierarchyTraversalMode.TOP_DOWN));
    if (asksFor(asking, DynamoDbServer.class)) {
      Fixtures.dynamoDb(context);
    }
  }

  private static boolean asksFor(List<? extends Executable> executables, Class<?> type) {
    for (Executable executable : executables) {
      for (Parameter p : executable.getParameters()) {
        if (p.getType() == type) {
          return true;
        }
      }
    }
    return false;
  }
}
