package io.sluice.kv;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One item waiting to be written by the loader, with what a quarantine line needs. */
record PendingItem(long row, String location, String keyText, Map<String, AttributeValue> item) {}
