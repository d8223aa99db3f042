package io.sluice.jobs.tera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

class TeraBatchSerializerTest {

  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.AnyRef();

  /** {@code records} records, record {@code i} filled with byte {@code fill + i}. */
  private static byte[] batch(int fill, int records) {
    byte[] batch = new byte[records * TeraFormat.RECORD_LENGTH];
    for (int i = 0; i < records; i++) {
      Arrays.fill(
          batch,
          i * TeraFormat.RECORD_LENGTH,
          (i + 1) * TeraFormat.RECORD_LENGTH,
          (byte) (fill + i));
    }
    return batch;
  }

  @Test
  void batchesRoundTripAsACountAndRawRecordsAndValuesTakeNoBytes() {
    SerializerInstance serializer = new TeraBatchSerializer().newInstance();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationStream out = serializer.serializeStream(bytes);
    for (int i = 1; i <= 3; i++) {
      out.writeKey(batch(i * 10, i), ANY);
      out.writeValue(null, ANY);
    }
    out.close();
    assertEquals(3 * Integer.BYTES + 6 * TeraFormat.RECORD_LENGTH, bytes.size());

    Iterator<Tuple2<Object, Object>> pairs =
        serializer
            .deserializeStream(new ByteArrayInputStream(bytes.toByteArray()))
            .asKeyValueIterator();
    for (int i = 1; i <= 3; i++) {
      Tuple2<Object, Object> pair = pairs.next();
      assertArrayEquals(batch(i * 10, i), (byte[]) pair._1());
      assertNull(pair._2());
    }
    assertFalse(pairs.hasNext());
  }

  @Test
  void aBatchSerializesToABufferAndBack() {
    SerializerInstance serializer = new TeraBatchSerializer().newInstance();
    ByteBuffer buffer = serializer.serialize(batch(5, 2), ANY);
    assertArrayEquals(batch(5, 2), (byte[]) serializer.deserialize(buffer, ANY));
  }

  @Test
  void aStreamEndingInsideABatchIsAnError() {
    SerializerInstance serializer = new TeraBatchSerializer().newInstance();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationStream out = serializer.serializeStream(bytes);
    out.writeKey(batch(7, 1), ANY);
    out.writeKey(batch(8, 2), ANY);
    out.close();
    byte[] truncated = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 40);
    Iterator<Tuple2<Object, Object>> pairs =
        serializer.deserializeStream(new ByteArrayInputStream(truncated)).asKeyValueIterator();
    pairs.next();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, pairs::hasNext);
    assertEquals("shuffle data ends inside a Tera record batch", e.getCause().getMessage());
  }

  @Test
  void rejectsAnythingButWholeRecords() {
    SerializationStream out =
        new TeraBatchSerializer().newInstance().serializeStream(new ByteArrayOutputStream());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> out.writeKey(new byte[199], ANY));
    assertEquals("not a batch of whole 100-byte Tera records: 199 bytes", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> out.writeKey(new byte[0], ANY));
  }
}
