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
 * Runs the test on every engine with every storage system (by default 2 x 3 = 6 invocations), given
 * as {@link io.sluice.jobs.Engine} and {@link TestStorage} parameters; display names like {@code
 * [spark, hdfs]}. Each invocation gets storage of its own: a fresh local directory, a fresh
 * directory on the class's {@link MiniDfs}, a fresh {@link S3Bucket}.
 *
 * <pre>{@code
 * @AcrossEnginesAndStorages(storages = {Kind.FILE, Kind.S3})
 * void countsWords(Sluice sluice, Engine engine, TestStorage storage) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith({SluiceExtension.class, AcrossInvocations.class})
public @interface AcrossEnginesAndStorages {

  /** The engines to run on; the storages vary fastest. */
  Engine[] engines() default {Engine.SPARK, Engine.MAPREDUCE};

  /** The storages to run on. */
  TestStorage.Kind[] storages() default {
    TestStorage.Kind.FILE, TestStorage.Kind.HDFS, TestStorage.Kind.S3
  };
}
