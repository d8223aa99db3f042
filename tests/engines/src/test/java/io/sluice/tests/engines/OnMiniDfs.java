package io.sluice.tests.engines;

import io.sluice.testing.MiniDfs;
import io.sluice.testing.Sluice;
import io.sluice.testing.SluiceTest;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class whose jobs read and write the MiniDFSCluster of the class: its file system, its
 * {@code hdfs://} URI and the job runner, set before the class's own {@code @BeforeAll} methods.
 * Classes run one at a time in the JVM, so each sees its own cluster here.
 */
@SluiceTest
abstract class OnMiniDfs {

  static FileSystem fs;
  static String hdfs;
  static Sluice sluice;

  @BeforeAll
  static void connectToTheClassesMiniDfs(MiniDfs dfs, Sluice runner) {
    fs = dfs.fileSystem();
    hdfs = dfs.uri();
    sluice = runner;
  }
}
