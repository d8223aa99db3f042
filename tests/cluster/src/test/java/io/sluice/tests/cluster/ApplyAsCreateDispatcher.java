package io.sluice.tests.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The mock API server's CRUD mode, plus what a real API server does with a server-side apply
 * ({@code PATCH} with {@code application/apply-patch+yaml}) of an object that does not exist yet:
 * it creates it. Spark's Kubernetes submission applies the driver's ConfigMap and Service that way.
 */
final class ApplyAsCreateDispatcher extends KubernetesCrudDispatcher {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.startsWith("application/apply-patch")) {
      String path = request.getPath();
      String object = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      if (handleGet(object).code() == 404) {
        String collection = object.substring(0, object.lastIndexOf('/'));
        String json;
        try {
          json = YAML.readTree(request.getUtf8Body()).toString();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return handleCreate(
            new RecordedRequest(
                "POST " + collection + " HTTP/1.1",
                HttpMethod.POST,
                collection,
                request.getHeaders(),
                new Buffer(json.getBytes(StandardCharsets.UTF_8))));
      }
    }
    return super.handlePatch(request);
  }
}
