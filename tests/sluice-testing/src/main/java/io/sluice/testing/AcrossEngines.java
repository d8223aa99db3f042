package io.sluice.testing;

import io.sluice.jobs.Engine;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test once per engine, given as an {@link Engine} parameter; display names {@code
 * [spark]} and {@code [mapreduce]}. The {@link SluiceExtension} fixtures resolve as in any {@link
 * SluiceTest}.
 *
 * <pre>{@code
 * @AcrossEngines
 * void sortsOnBothEngines(Sluice sluice, Engine engine, @TempDir Path dir) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith({SluiceExtension.class, AcrossInvocations.class})
public @interface AcrossEngines {

  /** The engines to run on, in this order. */
  Engine[] engines() default {Engine.SPARK, Engine.MAPREDUCE};
}
