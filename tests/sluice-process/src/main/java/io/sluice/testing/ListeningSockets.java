package io.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The TCP sockets a process and its descendants listen on, read as the kernel reports them (Linux):
 * the socket inodes among {@code /proc/PID/fd}, looked up in {@code /proc/PID/net/tcp} and {@code
 * tcp6} (state {@code 0A}, LISTEN). What a process binds, whatever library opened the socket.
 */
public final class ListeningSockets {

  /** One listening socket: the process holding it, the local address and port. */
  public record Listener(long pid, InetAddress address, int port) {
    @Override
    public String toString() {
      return address.getHostAddress() + ":" + port + " (pid " + pid + ")";
    }
  }

  private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  public static List<Listener> of(ProcessHandle process) {
    Map<Long, Long> pidOfInode = new HashMap<>();
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process);
    process.descendants().forEach(tree::add);
    for (ProcessHandle p : tree) {
      Path fds = Path.of("/proc", Long.toString(p.pid()), "fd");
      try (Stream<Path> list = Files.list(fds)) {
        for (Path fd : list.toList()) {
          try {
            Matcher m = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
            if (m.matches()) {
              pidOfInode.put(Long.parseLong(m.group(1)), p.pid());
            }
          } catch (IOException closedMeanwhile) {
            // The descriptor went away between listing and reading: not a socket held now.
          }
        }
      } catch (IOException exited) {
        // A descendant that ended meanwhile holds nothing.
      }
    }
    List<Listener> listeners = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", Long.toString(process.pid()), "net", table);
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      for (String line : lines.subList(1, lines.size())) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        String[] f = line.trim().split("\\s+");
        Long pid = pidOfInode.get(Long.parseLong(f[9]));
        if (pid != null && f[3].equals(LISTEN)) {
          String[] local = f[1].split(":");
          listeners.add(new Listener(pid, address(local[0]), Integer.parseInt(local[1], 16)));
        }
      }
    }
    return listeners;
  }

  /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
  private static InetAddress address(String hex) {
    byte[] raw = HexFormat.of().parseHex(hex);
    byte[] bytes = new byte[raw.length];
    for (int word = 0; word < raw.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        bytes[word + i] = raw[word + 3 - i];
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("not an address: " + hex, e);
    }
  }

  /** Those of {@code listeners} on a wildcard or an outside address: none, by default. */
  public static List<Listener> beyondLoopback(java.util.Collection<Listener> listeners) {
    return listeners.stream().filter(l -> !l.address().isLoopbackAddress()).toList();
  }
}
