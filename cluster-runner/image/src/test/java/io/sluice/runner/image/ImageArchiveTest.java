package io.sluice.runner.image;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image tars whose entries climb out of the tar's root are refused, whatever else they hold. */
class ImageArchiveTest {

  @TempDir Path dir;

  @Test
  void entriesOutsideTheRootAreRefused() throws Exception {
    for (String hostile :
        new String[] {"../index.json", "/etc/cron.d/x", "blobs/../../x", "./../manifest.json"}) {
      Path tar = tar(hostile);
      BadImageInputException e =
          assertThrows(BadImageInputException.class, () -> ImageArchive.read(tar), hostile);
      assertTrue(
          e.getMessage().equals("image tar " + tar + " has an entry outside its root: " + hostile),
          e.getMessage());
    }
  }

  @Test
  void ordinaryNamesAreRead() throws Exception {
    Path tar = tar("blobs/sha256/ab..cd");
    BadImageInputException e =
        assertThrows(BadImageInputException.class, () -> ImageArchive.read(tar));
    assertTrue(
        e.getMessage()
            .endsWith(
                "is not an image tar: it has neither index.json (OCI) nor"
                    + " manifest.json (Docker)"),
        e.getMessage());
  }

  private Path tar(String entryName) throws Exception {
    Path tar = dir.resolve(Integer.toHexString(entryName.hashCode()) + ".tar");
    byte[] content = "{}".getBytes(StandardCharsets.UTF_8);
    try (OutputStream file = Files.newOutputStream(tar);
        TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
      TarArchiveEntry entry = new TarArchiveEntry(entryName, true);
      entry.setSize(content.length);
      out.putArchiveEntry(entry);
      out.write(content);
      out.closeArchiveEntry();
    }
    return tar;
  }
}
