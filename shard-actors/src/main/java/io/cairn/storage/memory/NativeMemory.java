package io.cairn.storage.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The one accounted allocator of off-heap memory (STYLE.md principle 7). Every direct buffer the
 * storage engine uses comes from here and goes back through {@link #free}, so /metrics can show
 * what is outstanding and tests can assert that nothing leaked.
 *
 * <p>Thread-safe.
 */
public final class NativeMemory {
    private static final AtomicLong OUTSTANDING = new AtomicLong();
    private static final AtomicLong PEAK = new AtomicLong();

    private NativeMemory() {}

    /** A zeroed, little-endian direct buffer of {@code bytes} bytes. */
    public static UnsafeBuffer allocate(int bytes) {
        ByteBuffer bb = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long now = OUTSTANDING.addAndGet(bytes);
        PEAK.accumulateAndGet(now, Math::max);
        return new UnsafeBuffer(bb);
    }

    /** Releases the memory now rather than when the GC gets to it. The buffer is unusable after. */
    public static void free(UnsafeBuffer buffer) {
        ByteBuffer bb = buffer.byteBuffer();
        if (bb == null || !bb.isDirect()) {
            throw new IllegalStateException("BUG: freeing a buffer not from NativeMemory");
        }
        OUTSTANDING.addAndGet(-bb.capacity());
        buffer.wrap(new byte[0]);
        BufferUtil.free(bb);
    }

    public static long outstandingBytes() {
        return OUTSTANDING.get();
    }

    public static long peakBytes() {
        return PEAK.get();
    }
}
