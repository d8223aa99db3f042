package io.sluice.storage.s3;

import io.sluice.errors.EndpointUnreachableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One TCP connect to a named S3 endpoint before S3A is used. S3A retries a refused connection for
 * as long as its retry settings allow (the endpoint may be restarting), so a mistyped or stopped
 * endpoint otherwise costs the user seconds of backoff before the same answer.
 */
public final class S3EndpointProbe {

  /** What the user can do about it, as the SDK-based commands say it. */
  static final String ADVICE = "; is it running? (set --s3-endpoint or AWS_ENDPOINT_URL_S3)";

  /** Long enough for a remote endpoint; a refusal or an unknown host answers at once anyway. */
  private static final int CONNECT_TIMEOUT_MILLIS = 3000;

  private S3EndpointProbe() {}

  /**
   * Returns when something accepts a connection at the endpoint, or when the connect only timed out
   * (S3A's own timeouts and retries decide then).
   *
   * @throws EndpointUnreachableException when the connection is refused, the host is unknown or
   *     there is no route to it, worded as {@link S3ObjectStore} words it
   */
  public static void requireReachable(URI endpoint) {
    String host = endpoint.getHost();
    int port =
        endpoint.getPort() >= 0
            ? endpoint.getPort()
            : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw unreachable(endpoint, "unknown host " + host, e);
    }
    IOException refused = null;
    for (InetAddress address : addresses) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
        return;
      } catch (ConnectException | NoRouteToHostException e) {
        refused = e;
      } catch (IOException e) {
        return; // a timeout or another failure: not a clear "nothing there"
      }
    }
    // The Apache HTTP client's wording, which S3ObjectStore's message carries.
    throw unreachable(
        endpoint,
        "Connect to "
            + host
            + ":"
            + port
            + " "
            + Arrays.asList(addresses)
            + " failed: "
            + refused.getMessage(),
        refused);
  }

  private static EndpointUnreachableException unreachable(
      URI endpoint, String reason, Throwable cause) {
    return new EndpointUnreachableException("S3", endpoint.toString(), reason, ADVICE, cause);
  }
}
