package io.sluice.storage.leftovers;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The text of a run's lock file ({@code .<output>.sluice-lock} beside an output, a pipeline working
 * directory's lock): {@code owner=TOKEN} ({@link Owner#token()}) and a run id, which tells apart
 * runs of one process (threads, a pipeline). The one reader and writer of that text, for the runs
 * that take locks and for {@code sluice clean}, which lists the locks of dead owners.
 */
public final class LockFiles {

  /** What an output's lock file name ends with, after {@code .<output name>}. */
  public static final String SUFFIX = ".sluice-lock";

  private LockFiles() {}

  /** The lock file name of the output named {@code name}: {@code .<name>.sluice-lock}. */
  public static String nameFor(String name) {
    return "." + name + SUFFIX;
  }

  /** A new lock's text for {@code owner}, with a run id of its own. */
  public static String text(Owner owner) {
    return "owner=" + owner.token() + "\nrun=" + UUID.randomUUID() + "\n";
  }

  /** The owner a lock's text names; empty when it names none (or is not yet complete). */
  public static Optional<Owner> owner(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    String token = p.getProperty("owner");
    return token == null ? Optional.empty() : Owner.parse(token);
  }

  /** A lock file's text; empty when there is no such file. */
  public static Optional<String> read(FileSystem fs, Path lock) throws IOException {
    try (InputStream in = fs.open(lock)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  static boolean isLock(FileStatus file) {
    String name = file.getPath().getName();
    return file.isFile() && name.startsWith(".") && name.endsWith(SUFFIX);
  }

  /** The lock file of the output {@code target}, if there is one: its sibling. */
  static List<Leftover> beside(FileSystem fs, Path target) throws IOException {
    Path parent = target.getParent();
    if (parent == null) {
      return List.of();
    }
    List<Leftover> found = new ArrayList<>();
    try {
      FileStatus lock = fs.getFileStatus(new Path(parent, nameFor(target.getName())));
      leftover(fs, lock).ifPresent(found::add);
    } catch (FileNotFoundException e) {
      // no lock
    }
    return found;
  }

  /**
   * An output lock as a leftover: kept while its owner may be running; removed only if it still
   * holds the text it was listed with (a run may have taken it over since). Empty when the file
   * went away meanwhile.
   */
  static Optional<Leftover> leftover(FileSystem fs, FileStatus file) throws IOException {
    Path path = file.getPath();
    Optional<String> text = read(fs, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Owner owner = owner(text.get()).orElse(null);
    return Optional.of(
        new Leftover(
            "output lock",
            path.toString(),
            owner,
            owner != null ? owner.createdMillis() : file.getModificationTime(),
            file.getLen(),
            Leftover.inUseBy(owner, Instant.now()),
            () -> {
              if (text.equals(read(fs, path))) {
                fs.delete(path, false);
              }
            }));
  }
}
