package io.sluice.jobs.tera;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.spark.serializer.DeserializationStream;
import org.apache.spark.serializer.SerializationStream;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;

/**
 * Spark shuffle serializer for (record, nothing) pairs of the sort: a key is one 100-byte Tera record
 * written as its raw bytes, a value is written as nothing. Java or Kryo serialization would add a
 * header per record and copy it through an object stream; the raw form is the record itself, and,
 * being fixed-length with no stream state, it can be relocated, so large partition counts may use
 * Spark's serialized (Tungsten) shuffle.
 */
final class TeraRecordSerializer extends Serializer implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  @Override
  public SerializerInstance newInstance() {
    return new Instance();
  }

  @Override
  public boolean supportsRelocationOfSerializedObjects() {
    return true;
  }

  private static byte[] record(Object key) {
    if (key instanceof byte[] bytes && bytes.length == TeraFormat.RECORD_LENGTH) {
      return bytes;
    }
    throw new IllegalArgumentException("not a " + TeraFormat.RECORD_LENGTH + "-byte Tera record: " + key);
  }

  private static final class Instance extends SerializerInstance {

    @Override
    public <T> ByteBuffer serialize(T t, ClassTag<T> tag) {
      return ByteBuffer.wrap(record(t).clone());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T deserialize(ByteBuffer bytes, ClassTag<T> tag) {
      byte[] record = new byte[TeraFormat.RECORD_LENGTH];
      bytes.get(record);
      return (T) record;
    }

    @Override
    public <T> T deserialize(ByteBuffer bytes, ClassLoader loader, ClassTag<T> tag) {
      return deserialize(bytes, tag);
    }

    @Override
    public SerializationStream serializeStream(OutputStream out) {
      return new RecordOutput(out);
    }

    @Override
    public DeserializationStream deserializeStream(InputStream in) {
      return new RecordInput(in);
    }
  }

  private static final class RecordOutput extends SerializationStream {
    private final OutputStream out;

    RecordOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public <T> SerializationStream writeObject(T t, ClassTag<T> tag) {
      try {
        out.write(record(t));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    @Override
    public <T> SerializationStream writeValue(T value, ClassTag<T> tag) {
      return this; // the sort has no values: the record is the key
    }

    @Override
    public void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class RecordInput extends DeserializationStream {
    private final InputStream raw;
    private final DataInputStream in;

    RecordInput(InputStream in) {
      this.raw = in;
      this.in = new DataInputStream(in);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T readObject(ClassTag<T> tag) {
      byte[] record = new byte[TeraFormat.RECORD_LENGTH];
      int first;
      try {
        first = in.read();
        if (first >= 0) {
          record[0] = (byte) first;
          in.readFully(record, 1, TeraFormat.RECORD_LENGTH - 1);
        }
      } catch (EOFException e) {
        throw new UncheckedIOException(new IOException("shuffle data ends inside a Tera record", e));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (first < 0) {
        // The end of the stream at a record boundary; Spark ends a key/value iterator on EOFException.
        throw sneaky(new EOFException());
      }
      return (T) record;
    }

    @Override
    public <T> T readValue(ClassTag<T> tag) {
      return null;
    }

    @Override
    public void close() {
      try {
        raw.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Throws a checked EOFException unwrapped: Spark's iterators test for EOFException itself. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
