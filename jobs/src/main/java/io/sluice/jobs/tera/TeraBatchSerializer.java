package io.sluice.jobs.tera;

import java.io.DataInputStream;
import java.io.DataOutputStream;
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
 * Spark shuffle serializer for (batch, nothing) pairs of the sort: a key is a batch of whole
 * 100-byte Tera records (one {@code byte[]}), written as its record count and the raw bytes; a
 * value is written as nothing. Records travel in batches so that the shuffle handles one object per
 * batch, not per record; Java or Kryo serialization would add headers and copy through an object
 * stream. Having no stream state, the form can be relocated, so large partition counts may use
 * Spark's serialized (Tungsten) shuffle.
 */
final class TeraBatchSerializer extends Serializer implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  @Override
  public SerializerInstance newInstance() {
    return new Instance();
  }

  @Override
  public boolean supportsRelocationOfSerializedObjects() {
    return true;
  }

  private static byte[] batch(Object key) {
    if (key instanceof byte[] bytes
        && bytes.length > 0
        && bytes.length % TeraFormat.RECORD_LENGTH == 0) {
      return bytes;
    }
    throw new IllegalArgumentException(
        "not a batch of whole "
            + TeraFormat.RECORD_LENGTH
            + "-byte Tera records: "
            + (key instanceof byte[] bytes ? bytes.length + " bytes" : key));
  }

  private static final class Instance extends SerializerInstance {

    @Override
    public <T> ByteBuffer serialize(T t, ClassTag<T> tag) {
      byte[] batch = batch(t);
      ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES + batch.length);
      bytes.putInt(batch.length / TeraFormat.RECORD_LENGTH).put(batch).flip();
      return bytes;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T deserialize(ByteBuffer bytes, ClassTag<T> tag) {
      byte[] batch = new byte[bytes.getInt() * TeraFormat.RECORD_LENGTH];
      bytes.get(batch);
      return (T) batch;
    }

    @Override
    public <T> T deserialize(ByteBuffer bytes, ClassLoader loader, ClassTag<T> tag) {
      return deserialize(bytes, tag);
    }

    @Override
    public SerializationStream serializeStream(OutputStream out) {
      return new BatchOutput(out);
    }

    @Override
    public DeserializationStream deserializeStream(InputStream in) {
      return new BatchInput(in);
    }
  }

  private static final class BatchOutput extends SerializationStream {
    private final DataOutputStream out;

    BatchOutput(OutputStream out) {
      this.out = new DataOutputStream(out);
    }

    @Override
    public <T> SerializationStream writeObject(T t, ClassTag<T> tag) {
      byte[] batch = batch(t);
      try {
        out.writeInt(batch.length / TeraFormat.RECORD_LENGTH);
        out.write(batch);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    @Override
    public <T> SerializationStream writeValue(T value, ClassTag<T> tag) {
      return this; // the sort has no values: the records are the key
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

  private static final class BatchInput extends DeserializationStream {
    private final InputStream raw;
    private final DataInputStream in;

    BatchInput(InputStream in) {
      this.raw = in;
      this.in = new DataInputStream(in);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T readObject(ClassTag<T> tag) {
      int first;
      try {
        first = in.read();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (first < 0) {
        // The end of the stream at a batch boundary; Spark ends a key/value iterator on
        // EOFException.
        throw sneaky(new EOFException());
      }
      byte[] batch;
      try {
        int records =
            first << 24
                | in.readUnsignedByte() << 16
                | in.readUnsignedByte() << 8
                | in.readUnsignedByte();
        if (records <= 0 || records > Integer.MAX_VALUE / TeraFormat.RECORD_LENGTH) {
          throw new IOException(
              "shuffle data is not a Tera record batch: it announces " + records + " records");
        }
        batch = new byte[records * TeraFormat.RECORD_LENGTH];
        in.readFully(batch);
      } catch (EOFException e) {
        throw new UncheckedIOException(
            new IOException("shuffle data ends inside a Tera record batch", e));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return (T) batch;
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
