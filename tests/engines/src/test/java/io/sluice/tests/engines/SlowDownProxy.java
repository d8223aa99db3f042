package io.sluice.tests.engines;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP reverse proxy on 127.0.0.1 in front of an S3 endpoint that answers the next N requests with
 * {@code 503 SlowDown}, the way S3 throttles a hot prefix, and forwards everything else.
 *
 * <p>It works on bytes, not on HTTP objects, so the signed {@code Host} header and the body reach
 * the endpoint exactly as the client signed them (Java's HTTP clients refuse to set {@code Host}).
 * Every connection carries one request: forwarded requests get {@code Connection: close} (a header
 * SigV4 does not sign), so the endpoint's answer tells the client not to reuse the connection and
 * every request passes the fault check, even from a client with a pool of kept-alive connections.
 */
final class SlowDownProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SlowDownProxy.class);
  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket server;
  private final InetSocketAddress backend;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "slowdown-proxy");
            t.setDaemon(true);
            return t;
          });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger toFail = new AtomicInteger();
  private final List<String> slowedDown = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger forwarded = new AtomicInteger();

  private SlowDownProxy(ServerSocket server, InetSocketAddress backend) {
    this.server = server;
    this.backend = backend;
  }

  /** Starts a proxy to {@code backend} (an http:// endpoint) on a free loopback port. */
  static SlowDownProxy start(URI backend) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    SlowDownProxy proxy =
        new SlowDownProxy(server, new InetSocketAddress(backend.getHost(), backend.getPort()));
    proxy.threads.execute(proxy::acceptLoop);
    return proxy;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Answers the next {@code n} requests with 503 SlowDown. */
  void failNext(int n) {
    toFail.set(n);
  }

  /** "METHOD /path" of every request answered with 503, in order. */
  List<String> slowedDown() {
    synchronized (slowedDown) {
      return List.copyOf(slowedDown);
    }
  }

  void reset() {
    toFail.set(0);
    slowedDown.clear();
  }

  /** Requests passed on to the endpoint. */
  int forwarded() {
    return forwarded.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warn("proxy accept failed: {}", e.toString());
        }
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String requestLine = text.substring(0, text.indexOf("\r\n"));
      String[] parts = requestLine.split(" ");
      String method = parts[0];
      String target = parts.length > 1 ? parts[1] : "/";
      String headers = text.toLowerCase(Locale.ROOT);
      boolean chunked = headers.contains("\r\ntransfer-encoding: chunked");
      // Chunked bodies would need parsing to be skipped; S3 clients send a Content-Length.
      if (!chunked && toFail.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        if (!headers.contains("\r\nexpect: 100-continue")) {
          // Read the body first: closing with unread data makes the kernel send a reset, and the
          // client would report that instead of our answer.
          in.skipNBytes(contentLength(headers));
        }
        slowedDown.add(method + " " + target);
        writeSlowDown(client.getOutputStream(), method, target);
        return;
      }
      forward(client, in, head);
    } catch (IOException e) {
      LOG.debug("proxy connection ended: {}", e.toString());
    } finally {
      open.remove(client);
    }
  }

  private void forward(Socket client, InputStream in, byte[] head) throws IOException {
    forwarded.incrementAndGet();
    try (Socket upstream = new Socket(backend.getAddress(), backend.getPort())) {
      open.add(upstream);
      OutputStream toBackend = upstream.getOutputStream();
      toBackend.write(oneShot(head));
      toBackend.flush();
      threads.execute(
          () -> {
            try {
              in.transferTo(toBackend);
              upstream.shutdownOutput();
            } catch (IOException e) {
              LOG.debug("proxy upstream copy ended: {}", e.toString());
            }
          });
      upstream.getInputStream().transferTo(client.getOutputStream());
    } finally {
      open.removeIf(Socket::isClosed);
    }
  }

  /** The request head with {@code Connection: close} in place of any Connection header. */
  private static byte[] oneShot(byte[] head) {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder();
    for (String line : text.substring(0, text.length() - 4).split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        out.append(line).append("\r\n");
      }
    }
    out.append("Connection: close\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void writeSlowDown(OutputStream out, String method, String target)
      throws IOException {
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message><Resource>"
            + target.replace("&", "&amp;")
            + "</Resource><RequestId>SLOWDOWNPROXY</RequestId></Error>";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean head = method.equals("HEAD");
    String response =
        "HTTP/1.1 503 Slow Down\r\n"
            + "Content-Type: application/xml\r\n"
            + "Content-Length: "
            + (head ? 0 : bytes.length)
            + "\r\n"
            + "x-amz-request-id: SLOWDOWNPROXY\r\n"
            + "Connection: close\r\n\r\n";
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    if (!head) {
      out.write(bytes);
    }
    out.flush();
  }

  private static long contentLength(String lowerCaseHead) {
    int at = lowerCaseHead.indexOf("\r\ncontent-length:");
    if (at < 0) {
      return 0;
    }
    int end = lowerCaseHead.indexOf("\r\n", at + 2);
    return Long.parseLong(lowerCaseHead.substring(at + "\r\ncontent-length:".length(), end).trim());
  }

  /** The request line and headers through the blank line; null at a clean end of stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] terminator = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new IOException("connection closed inside a request head");
      }
      head.write(b);
      matched = b == terminator[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD) {
        throw new IOException("request head over " + MAX_HEAD + " bytes");
      }
    }
    return head.toByteArray();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.debug("closing proxied socket: {}", e.toString());
      }
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
