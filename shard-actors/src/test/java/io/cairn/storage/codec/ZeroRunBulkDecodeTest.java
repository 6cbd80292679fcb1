package io.cairn.storage.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Zero runs consumed in bulk by the timestamp decoder keep the per-value contract. */
class ZeroRunBulkDecodeTest {
    private static byte[] timestampsWithRun(long runMinusOne, long... tail) {
        ByteSink sink = new ByteSink(64);
        sink.writeZigZag(1_000);
        sink.writeZigZag(15);
        sink.writeByte(ZeroRunWriter.SCHEME_MARKER);
        sink.writeVarLong(0); // zero-run marker
        sink.writeVarLong(runMinusOne);
        for (long t : tail) {
            sink.writeZigZag(t);
        }
        return java.util.Arrays.copyOf(sink.array(), sink.length());
    }

    @Test
    void runThenValueDecodesLikeOneByOne() {
        byte[] bytes = timestampsWithRun(2, 5); // dods 0,0,0 then +5
        ByteSource in = new ByteSource();
        in.wrap(bytes, 0, bytes.length);
        long[] out = new long[6];
        TimestampCodec.decode(in, out, 0, 6, new StreamReader());
        assertArrayEquals(new long[] {1000, 1015, 1030, 1045, 1060, 1080}, out);
    }

    @Test
    void runLongerThanTheBlockIsCorrupt() {
        byte[] bytes = timestampsWithRun(100);
        ByteSource in = new ByteSource();
        in.wrap(bytes, 0, bytes.length);
        assertThrows(CorruptBlockException.class,
                () -> TimestampCodec.decode(in, new long[10], 0, 10, new StreamReader()));
    }
}
