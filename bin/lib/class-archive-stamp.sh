# shellcheck shell=bash
# Sourced by bin/build-class-archive (which writes the stamp beside the archive) and bin/sluice (which
# compares it): what the JVM checks before it maps the CLI's class-data sharing archive. Java 17
# takes an archive only from the same JDK and only while every jar on the classpath has the
# modification time and size it had at the dump; otherwise it runs without the archive, silently
# under -Xlog:cds=off, at about twice the CPU. One line per file: mtime (s), size, path.
# Usage: class_archive_stamp JAVA CLI_JAR RUNTIME_CLASSPATH_FILE
class_archive_stamp() {
  local java="$1" jar="$2" classpath_file="$3" entries
  # Resolved to the binary itself: the build names it by JAVA_HOME, bin/sluice often by PATH's link.
  java="$(readlink -f -- "$(command -v -- "$java" 2>/dev/null || echo "$java")")"
  IFS=: read -r -a entries <"$classpath_file"
  # A missing file prints nothing for itself and fails stat: the stamp then differs, as it should.
  stat -L -c '%Y %s %n' -- "$java" "$jar" "${entries[@]}" 2>/dev/null || true
}
