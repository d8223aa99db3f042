package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;

/** Our RLE / bit-packing hybrid decoder against parquet-mr's encoder, for every bit width. */
class RleBitPackedDecoderTest {

  @Test
  void decodesWhatParquetMrEncodesForEveryBitWidth() throws Exception {
    Random random = new Random(7);
    for (int width = 0; width <= 32; width++) {
      int n = 1_003;
      int[] values = new int[n];
      long bound = 1L << width;
      for (int i = 0; i < n; i++) {
        // Runs (RLE) and noise (bit-packed) mixed, edge values included.
        values[i] =
            width == 0
                ? 0
                : i % 100 < 40 ? (int) (bound - 1) : (int) (random.nextLong() & (bound - 1));
      }
      RunLengthBitPackingHybridEncoder encoder =
          new RunLengthBitPackingHybridEncoder(width, 64, 1 << 16, new HeapByteBufferAllocator());
      for (int v : values) {
        encoder.writeInt(v);
      }
      byte[] bytes = encoder.toBytes().toByteArray();
      // Some bytes in front: the decoder reads a range of a page, not a whole buffer.
      ByteBuffer page = ByteBuffer.allocate(bytes.length + 3);
      page.position(3);
      page.put(bytes);
      RleBitPackedDecoder bulk = new RleBitPackedDecoder(page, 3, 3 + bytes.length, width);
      int[] decoded = new int[n];
      bulk.read(decoded, 0, 500);
      bulk.read(decoded, 500, n - 500);
      assertArrayEquals(values, decoded, "bit width " + width);
      RleBitPackedDecoder single = new RleBitPackedDecoder(page, 3, 3 + bytes.length, width);
      for (int i = 0; i < n; i++) {
        assertEquals(values[i], single.next(), "bit width " + width + ", value " + i);
      }
    }
  }

  @Test
  void dataEndingBeforeItsValuesIsAnError() {
    // One RLE run of 2 values of 1 bit, then nothing.
    ByteBuffer page = ByteBuffer.wrap(new byte[] {4, 1});
    RleBitPackedDecoder decoder = new RleBitPackedDecoder(page, 0, 2, 1);
    assertEquals(1, decoder.next());
    assertEquals(1, decoder.next());
    assertThrows(ParquetDecodingException.class, decoder::next);
  }
}
