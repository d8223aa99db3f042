package io.sluice.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs Sluice jobs on real engines and mini-clusters: its test, lifecycle
 * and constructor parameters of the fixture types ({@link org.apache.spark.sql.SparkSession},
 * {@link MiniDfs}, {@link S3Bucket}, {@link DynamoDbServer}, {@link DuckDbFile}, {@link Sluice})
 * are resolved by {@link SluiceExtension}, each started on first request. See {@link
 * SluiceExtension} for the scope of each fixture.
 *
 * <pre>{@code
 * @SluiceTest
 * class WordCountJobIT {
 *   @AcrossEnginesAndStorages
 *   void countsWords(Sluice sluice, Engine engine, TestStorage storage) {
 *     storage.writeLines("in/a.txt", List.of("b a", "a"));
 *     RunSummary run = sluice.run("wordcount", engine,
 *         Map.of("input", storage.uri("in"), "output", storage.uri("out")));
 *     JobAssertions.assertAccounting(run, 2, 2, 0);
 *     JobAssertions.assertLines(List.of("a\t2", "b\t1"), storage, "out");
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SluiceExtension.class)
public @interface SluiceTest {}
