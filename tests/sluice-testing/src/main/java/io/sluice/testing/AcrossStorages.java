package io.sluice.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test once per storage system, given as a {@link TestStorage} parameter: a local
 * directory, a directory on the class's {@link MiniDfs}, a fresh {@link S3Bucket}; display names
 * {@code [file]}, {@code [hdfs]}, {@code [s3]}.
 *
 * <pre>{@code
 * @AcrossStorages(storages = {Kind.FILE, Kind.S3})
 * void readsAndWrites(Sluice sluice, TestStorage storage) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith({SluiceExtension.class, AcrossInvocations.class})
public @interface AcrossStorages {

  /** The storages to run on, in this order. */
  TestStorage.Kind[] storages() default {
    TestStorage.Kind.FILE, TestStorage.Kind.HDFS, TestStorage.Kind.S3
  };
}
