package io.sluice.kv;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One input record: its item, or the reason it could not be converted into one.
 *
 * @param number 1-based record number across the whole input (header lines not counted)
 * @param location where it is, for messages: {@code data.csv line 14}, {@code part-0.parquet row
 *     12}
 */
public record SourceRow(
    long number, String location, Map<String, AttributeValue> item, String error) {

  public static SourceRow ok(long number, String location, Map<String, AttributeValue> item) {
    return new SourceRow(number, location, item, null);
  }

  public static SourceRow bad(long number, String location, String error) {
    return new SourceRow(number, location, null, error);
  }

  public boolean isBad() {
    return error != null;
  }
}
