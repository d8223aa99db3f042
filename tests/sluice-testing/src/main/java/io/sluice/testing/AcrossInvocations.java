package io.sluice.testing;

import io.sluice.jobs.Engine;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The invocations of {@link AcrossEngines}, {@link AcrossStorages} and {@link
 * AcrossEnginesAndStorages}: one per engine, storage, or (engine, storage) pair.
 */
final class AcrossInvocations implements TestTemplateInvocationContextProvider {

  /** What a template method runs across; an empty list means that dimension is not varied. */
  record Plan(List<Engine> engines, List<TestStorage.Kind> storages) {}

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(AcrossInvocations::plan).isPresent();
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Plan plan = plan(context.getRequiredTestMethod());
    List<TestTemplateInvocationContext> invocations = new ArrayList<>();
    List<Engine> engines =
        plan.engines().isEmpty() ? Collections.singletonList(null) : plan.engines();
    List<TestStorage.Kind> storages =
        plan.storages().isEmpty() ? Collections.singletonList(null) : plan.storages();
    for (Engine engine : engines) {
      for (TestStorage.Kind storage : storages) {
        invocations.add(new Invocation(engine, storage));
      }
    }
    return invocations.stream();
  }

  /** The method's plan, or null when it has none of the annotations. */
  static Plan plan(Method method) {
    Optional<AcrossEngines> engines = AnnotationSupport.findAnnotation(method, AcrossEngines.class);
    Optional<AcrossStorages> storages =
        AnnotationSupport.findAnnotation(method, AcrossStorages.class);
    Optional<AcrossEnginesAndStorages> both =
        AnnotationSupport.findAnnotation(method, AcrossEnginesAndStorages.class);
    long present = Stream.of(engines, storages, both).filter(Optional::isPresent).count();
    if (present == 0) {
      return null;
    }
    if (present > 1) {
      throw new ExtensionConfigurationException(
          method
              + ": use one of @AcrossEngines, @AcrossStorages and "
              + "@AcrossEnginesAndStorages (the last one covers both)");
    }
    if (engines.isPresent()) {
      return new Plan(nonEmpty(method, "engines", engines.get().engines()), List.of());
    }
    if (storages.isPresent()) {
      return new Plan(List.of(), nonEmpty(method, "storages", storages.get().storages()));
    }
    return new Plan(
        nonEmpty(method, "engines", both.get().engines()),
        nonEmpty(method, "storages", both.get().storages()));
  }

  private static <T> List<T> nonEmpty(Method method, String attribute, T[] values) {
    if (values.length == 0) {
      throw new ExtensionConfigurationException(
          method + ": " + attribute + " is empty; leave it out to run on all");
    }
    return List.of(values);
  }

  /** Whether the test of {@code context} is a template invocation that is given a TestStorage. */
  static boolean givesStorage(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(AcrossInvocations::plan)
        .map(p -> !p.storages().isEmpty())
        .orElse(false);
  }

  /** One invocation: an engine, a storage, or both. */
  private record Invocation(Engine engine, TestStorage.Kind storage)
      implements TestTemplateInvocationContext {

    @Override
    public String getDisplayName(int invocationIndex) {
      return Stream.of(engine, storage)
          .filter(v -> v != null)
          .map(Object::toString)
          .collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new InvocationParameters(engine, storage));
    }
  }

  /**
   * Gives the invocation's Engine and TestStorage to the test and its @BeforeEach/@AfterEach
   * methods.
   */
  private record InvocationParameters(Engine engine, TestStorage.Kind storage)
      implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return type == Engine.class && engine != null || type == TestStorage.class && storage != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      if (parameter.getParameter().getType() == Engine.class) {
        return engine;
      }
      return Fixtures.testStorage(context, storage);
    }
  }
}
