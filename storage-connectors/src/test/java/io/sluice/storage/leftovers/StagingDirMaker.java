package io.sluice.storage.leftovers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM that makes a staging directory for the output {@code args[0]} as a job does, prints
 * its path and sleeps, to be killed (or left running) by {@link StagingDirsTest}.
 */
public final class StagingDirMaker {

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args[0]);
    Path staging = output.resolveSibling(StagingDirs.newName(output.getFileName().toString()));
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("part-00000"), "half written\n");
    System.out.println(staging);
    System.out.flush();
    Thread.sleep(120_000); // bounded: the test kills it long before
  }
}
