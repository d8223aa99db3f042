package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.StorageUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local input listed with java.nio must look exactly as Hadoop's local FileSystem lists it. */
class LoadInputTest {

  @TempDir Path dir;

  private static LoadInput resolve(Path p, boolean nio) {
    return LoadInput.resolve(StorageUri.parse(p.toString()), null, new Configuration(), nio);
  }

  @Test
  void localListingMatchesHadoopsIncludingTheFingerprint() throws Exception {
    Path out = dir.resolve("out");
    SampleData.narrow(out.resolve("part-00001.parquet"), SampleData.NARROW_LONG, 0, 10);
    SampleData.narrow(out.resolve("part-00000.parquet"), SampleData.NARROW_LONG, 10, 30);
    Files.writeString(out.resolve("_SUCCESS"), "");
    Files.writeString(out.resolve(".part-00000.parquet.crc"), "x");
    Files.createFile(out.resolve("part-00002.parquet")); // empty: not a data file
    Files.createDirectories(out.resolve("sub"));

    LoadInput nio = resolve(out, true);
    LoadInput hadoop = resolve(out, false);
    assertEquals(List.of("part-00000.parquet", "part-00001.parquet"), names(nio));
    assertEquals(names(hadoop), names(nio));
    for (int i = 0; i < nio.files().size(); i++) {
      FileStatus a = nio.files().get(i);
      FileStatus b = hadoop.files().get(i);
      assertEquals(b.getPath().toUri().getPath(), a.getPath().toUri().getPath());
      assertEquals(b.getLen(), a.getLen());
      assertEquals(b.getModificationTime(), a.getModificationTime());
    }
    assertEquals(
        hadoop.fingerprint(),
        nio.fingerprint(),
        "load ids must not change with the way of listing");
    assertEquals(hadoop.bytes(), nio.bytes());
    assertEquals(hadoop.localPaths(), nio.localPaths());
    assertEquals(InputFormat.PARQUET, nio.format());
  }

  @Test
  void bareAndFileUriLocationsAreReadWithoutHadoop() throws Exception {
    Path file = SampleData.narrow(dir.resolve("one.parquet"), SampleData.NARROW_LONG, 0, 3);
    for (String location : List.of(file.toString(), file.toUri().toString())) {
      LoadInput in = LoadInput.resolve(StorageUri.parse(location), null, new Configuration());
      assertEquals(1, in.files().size(), location);
      assertTrue(in.parquetFile(in.files().get(0)) instanceof LocalParquetFile, location);
      assertEquals(resolve(file, false).fingerprint(), in.fingerprint(), location);
    }
  }

  @Test
  void missingAndEmptyLocalInputAreNamed() throws Exception {
    Path missing = dir.resolve("nope");
    InvalidLoadRequestException e =
        assertThrows(InvalidLoadRequestException.class, () -> resolve(missing, true));
    assertEquals("input " + missing + " does not exist", e.getMessage());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("_SUCCESS"), "");
    e = assertThrows(InvalidLoadRequestException.class, () -> resolve(empty, true));
    assertEquals("input " + empty + " holds no data files", e.getMessage());
  }

  private static List<String> names(LoadInput in) {
    return in.files().stream().map(f -> f.getPath().getName()).toList();
  }
}
