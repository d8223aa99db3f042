package io.sluice.warehouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libpq's password file: {@code PGPASSFILE}, else {@code ~/.pgpass}; lines {@code
 * host:port:database:user:password}, {@code *} matching anything, {@code \:} and {@code \\}
 * escapes, the first matching line wins. As libpq does, a file that group or others may read is
 * ignored with a warning.
 *
 * <p>Why not pgjdbc's own {@code PgPassParser}: in 42.7 it reads only the process environment (our
 * targets are resolved from an environment map, as tests pass it) and does not check the mode.
 */
final class PgPassFile {

  private static final Logger LOG = LoggerFactory.getLogger(PgPassFile.class);

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private PgPassFile() {}

  /** The file {@code env} points at: PGPASSFILE, else .pgpass in HOME (else user.home). */
  static Path location(Map<String, String> env) {
    String file = env.get("PGPASSFILE");
    if (file != null && !file.isBlank()) {
      return Path.of(file);
    }
    String home = env.get("HOME");
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home)
        .resolve(".pgpass");
  }

  /** The password of the first line matching the four fields, if the file is there and private. */
  static Optional<String> password(
      Path file, String host, String port, String database, String user) {
    if (!Files.isRegularFile(file) || !isPrivate(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("could not read password file \"{}\": {}", file, e.getMessage());
      return Optional.empty();
    }
    String[] wanted = {host, port, database, user};
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = fields(line);
      if (fields.size() >= 5 && matches(fields, wanted)) {
        return Optional.of(fields.get(4));
      }
    }
    return Optional.empty();
  }

  private static boolean isPrivate(Path file) {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
        // libpq's own warning, word for word, so users recognise it.
        LOG.warn(
            "password file \"{}\" has group or world access; permissions should be u=rw (0600)"
                + " or less",
            file);
        return false;
      }
      return true;
    } catch (UnsupportedOperationException e) {
      return true; // not a POSIX file system (Windows): libpq does not check there either
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean matches(List<String> fields, String[] wanted) {
    for (int i = 0; i < wanted.length; i++) {
      if (!fields.get(i).equals("*") && !fields.get(i).equals(wanted[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The fields of a line: split on unescaped ':', a backslash taking the next character as is (an
   * unescaped ':' ends the password too, as in libpq).
   */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        field.append(line.charAt(++i));
      } else if (c == ':') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
