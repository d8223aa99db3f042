/**
 * Testing Sluice jobs with JUnit 5 on real engines and mini-clusters.
 *
 * <p>Annotate a test class {@link io.sluice.testing.SluiceTest @SluiceTest} and ask for fixtures as
 * parameters: the JVM's {@link org.apache.spark.sql.SparkSession}, the class's {@link
 * io.sluice.testing.MiniDfs}, the test's {@link io.sluice.testing.S3Bucket}, a {@link
 * io.sluice.testing.DynamoDbServer}, a {@link io.sluice.testing.DuckDbFile}, and {@link
 * io.sluice.testing.Sluice} to run jobs. {@link io.sluice.testing.AcrossEngines}, {@link
 * io.sluice.testing.AcrossStorages} and {@link io.sluice.testing.AcrossEnginesAndStorages} run one
 * method on every engine and storage; {@link io.sluice.testing.JobAssertions} checks the results.
 * {@link io.sluice.testing.SluiceExtension} lists each fixture's scope.
 */
package io.sluice.testing;
