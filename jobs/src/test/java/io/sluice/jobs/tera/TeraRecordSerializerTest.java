package io.sluice.jobs.tera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

class TeraRecordSerializerTest {

  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.AnyRef();

  private static byte[] record(int fill) {
    byte[] record = new byte[TeraFormat.RECORD_LENGTH];
    Arrays.fill(record, (byte) fill);
    return record;
  }

  @Test
  void keysRoundTripAsRawRecordsAndValuesTakeNoBytes() {
    SerializerInstance serializer = new TeraRecordSerializer().newInstance();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationStream out = serializer.serializeStream(bytes);
    for (int i = 0; i < 3; i++) {
      out.writeKey(record(i), ANY);
      out.writeValue(null, ANY);
    }
    out.close();
    assertEquals(3 * TeraFormat.RECORD_LENGTH, bytes.size());

    Iterator<Tuple2<Object, Object>> pairs = serializer.deserializeStream(new ByteArrayInputStream(bytes.toByteArray()))
        .asKeyValueIterator();
    for (int i = 0; i < 3; i++) {
      Tuple2<Object, Object> pair = pairs.next();
      assertArrayEquals(record(i), (byte[]) pair._1());
      assertNull(pair._2());
    }
    assertFalse(pairs.hasNext());
  }

  @Test
  void aStreamEndingInsideARecordIsAnError() {
    SerializerInstance serializer = new TeraRecordSerializer().newInstance();
    byte[] truncated = Arrays.copyOf(record(7), TeraFormat.RECORD_LENGTH + 40);
    Iterator<Tuple2<Object, Object>> pairs = serializer.deserializeStream(new ByteArrayInputStream(truncated))
        .asKeyValueIterator();
    pairs.next();
    assertThrows(UncheckedIOException.class, pairs::hasNext);
  }

  @Test
  void rejectsAnythingButAWholeRecord() {
    SerializationStream out = new TeraRecordSerializer().newInstance().serializeStream(new ByteArrayOutputStream());
    assertThrows(IllegalArgumentException.class, () -> out.writeKey(new byte[99], ANY));
  }
}
