package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code sluice load kv} of one CSV into one DynamoDB table: the entries are the items, attributes
 * sorted. A load is batches, not a transaction, so a killed load may leave some items: each must be
 * whole, and the repeated load must end with every item exactly once. No leftovers to count.
 */
final class KvTableCell implements KillCell {

  private final String where;
  private final Path input;
  private final String table;
  private final Map<String, String> env;
  private final String endpoint;

  /** {@code env}: the server's {@code AWS_ENDPOINT_URL_DYNAMODB}, region and keys. */
  KvTableCell(String where, Path input, String table, Map<String, String> env) {
    this.where = where;
    this.input = input;
    this.table = table;
    this.env = env;
    this.endpoint = env.get("AWS_ENDPOINT_URL_DYNAMODB");
  }

  @Override
  public String where() {
    return where;
  }

  @Override
  public boolean atomic() {
    return false;
  }

  @Override
  public void reset() {
    try (DynamoDbClient client = client()) {
      client.deleteTable(b -> b.tableName(table));
    } catch (ResourceNotFoundException e) {
      // Nothing to remove.
    }
  }

  @Override
  public SluiceProcess.Builder command() {
    return LoadStep.command(
        "kv", input, table, "quarantine-kv-" + table + ".jsonl", env, "--key", "order_id");
  }

  @Override
  public List<String> visible() {
    List<String> items = new ArrayList<>();
    try (DynamoDbClient client = client()) {
      for (Map<String, AttributeValue> item :
          client.scanPaginator(b -> b.tableName(table)).items()) {
        items.add(new TreeMap<>(item).toString());
      }
    } catch (ResourceNotFoundException e) {
      return List.of();
    }
    return items;
  }

  @Override
  public long leftovers() {
    return 0;
  }

  DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(java.net.URI.create(endpoint))
        .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
        .httpClient(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build())
        .build();
  }
}
