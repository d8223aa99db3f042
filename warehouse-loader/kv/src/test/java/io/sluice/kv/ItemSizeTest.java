package io.sluice.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

  @Test
  void sizesFollowDynamoDbsRules() {
    assertEquals(
        2 + 6, ItemSize.of(Map.of("id", AttributeValue.fromS("h\u00e9llo"))), "UTF-8 bytes");
    assertEquals(
        1 + 3 + 1,
        ItemSize.of(Map.of("n", AttributeValue.fromN("12345"))),
        "5 digits: 3 bytes + 1");
    assertEquals(
        1 + 1 + 1,
        ItemSize.of(Map.of("n", AttributeValue.fromN("1000"))),
        "trailing zeros do not count");
    assertEquals(1 + 1, ItemSize.of(Map.of("b", AttributeValue.fromBool(true))));
    assertEquals(
        1 + 4, ItemSize.of(Map.of("x", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[4])))));
    assertEquals(
        1 + 3 + 2 * (1 + 1),
        ItemSize.of(
            Map.of(
                "l",
                AttributeValue.fromL(
                    List.of(AttributeValue.fromS("a"), AttributeValue.fromS("b"))))));
    assertEquals(
        1 + 3 + (1 + 1 + 1),
        ItemSize.of(Map.of("m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))))));
  }
}
