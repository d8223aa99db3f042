package io.sluice.runner.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YarnJarCacheTest {

  @TempDir Path dir;

  @Test
  void onTheLocalFileSystemTheJarsAreNamedWhereTheyAre() throws Exception {
    Path a = Files.writeString(dir.resolve("a-1.0.jar"), "a");
    Path b = Files.writeString(dir.resolve("b-2.0.jar"), "bb");
    List<String> uris = YarnJarCache.forCluster(Optional.empty(), Map.of()).jarUris(List.of(a, b));
    assertEquals(List.of(a.toUri().toString(), b.toUri().toString()), uris);
  }

  @Test
  void theCacheDirectoryChangesWithTheRuntime() throws Exception {
    Path a = Files.writeString(dir.resolve("a-1.0.jar"), "a");
    Path b = Files.writeString(dir.resolve("b-2.0.jar"), "bb");
    String before = YarnJarCache.digest(List.of(a, b));
    assertEquals(before, YarnJarCache.digest(List.of(a, b)));
    Files.writeString(b, "bbb");
    assertNotEquals(before, YarnJarCache.digest(List.of(a, b)));
    assertNotEquals(before, YarnJarCache.digest(List.of(a)));
  }
}
