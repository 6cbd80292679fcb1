package io.cairn.storage.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * XXH64, the 64-bit xxHash of Yann Collet, implemented from its published specification
 * (xxhash_spec.md, "XXH64 algorithm description"): a fast, well-distributed, non-cryptographic
 * hash. Its output is part of Cairn's persisted and cluster-wide contract (series ids, shard
 * placement), so it must never change: the published test vectors pin it in the tests.
 *
 * <p>All methods are pure static functions: thread-safe and allocation-free. Multi-byte lanes
 * are read little-endian, as the specification requires, whatever the platform order.
 */
public final class Hash64 {
    static final long P1 = 0x9E3779B185EBCA87L;
    static final long P2 = 0xC2B2AE3D27D4EB4FL;
    static final long P3 = 0x165667B19E3779F9L;
    static final long P4 = 0x85EBCA77C2B2AE63L;
    static final long P5 = 0x27D4EB2F165667C5L;

    /** Bytes consumed per iteration of the main loop: four 8-byte lanes. */
    static final int STRIPE = 32;

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Hash64() {}

    public static long hash(byte[] data) {
        return hash(data, 0, data.length, 0L);
    }

    /**
     * XXH64 of {@code data[offset, offset + length)} with the given seed.
     *
     * @throws IndexOutOfBoundsException when the range is not inside the array
     */
    public static long hash(byte[] data, int offset, int length, long seed) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        int pos = offset;
        int end = offset + length;
        long acc;
        if (length >= STRIPE) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = end - STRIPE;
            do {
                v1 = round(v1, (long) LONG_LE.get(data, pos));
                v2 = round(v2, (long) LONG_LE.get(data, pos + 8));
                v3 = round(v3, (long) LONG_LE.get(data, pos + 16));
                v4 = round(v4, (long) LONG_LE.get(data, pos + 24));
                pos += STRIPE;
            } while (pos <= limit);
            acc = convergeLanes(v1, v2, v3, v4);
        } else {
            acc = seed + P5;
        }
        acc += length;
        for (; pos + 8 <= end; pos += 8) {
            acc = mixLane(acc, (long) LONG_LE.get(data, pos));
        }
        if (pos + 4 <= end) {
            acc = mixWord(acc, (int) INT_LE.get(data, pos));
            pos += 4;
        }
        for (; pos < end; pos++) {
            acc = mixByte(acc, data[pos]);
        }
        return avalanche(acc);
    }

    /** XXH64 of {@code buffer[index, index + length)}; the buffer's bounds checks apply. */
    public static long hash(DirectBuffer buffer, int index, int length, long seed) {
        int pos = index;
        int end = index + length;
        long acc;
        if (length >= STRIPE) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = end - STRIPE;
            do {
                v1 = round(v1, buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN));
                v2 = round(v2, buffer.getLong(pos + 8, ByteOrder.LITTLE_ENDIAN));
                v3 = round(v3, buffer.getLong(pos + 16, ByteOrder.LITTLE_ENDIAN));
                v4 = round(v4, buffer.getLong(pos + 24, ByteOrder.LITTLE_ENDIAN));
                pos += STRIPE;
            } while (pos <= limit);
            acc = convergeLanes(v1, v2, v3, v4);
        } else {
            acc = seed + P5;
        }
        acc += length;
        for (; pos + 8 <= end; pos += 8) {
            acc = mixLane(acc, buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN));
        }
        if (pos + 4 <= end) {
            acc = mixWord(acc, buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN));
            pos += 4;
        }
        for (; pos < end; pos++) {
            acc = mixByte(acc, buffer.getByte(pos));
        }
        return avalanche(acc);
    }

    /**
     * XXH64 of the 8 little-endian bytes of {@code value}, seed 0: a strong mixer for keys that
     * are already numbers (e.g. deriving a probe sequence from a series id).
     */
    public static long hashLong(long value) {
        return hashLong(value, 0L);
    }

    /**
     * XXH64 of the 8 little-endian bytes of {@code value} with the given seed. For a fixed seed
     * this is a bijection on longs (every step of the one-lane path is invertible).
     */
    public static long hashLong(long value, long seed) {
        long acc = seed + P5 + 8;
        acc = mixLane(acc, value);
        return avalanche(acc);
    }

    static long round(long acc, long lane) {
        acc += lane * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    static long convergeLanes(long v1, long v2, long v3, long v4) {
        long acc = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7)
                + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
        acc = mergeLane(acc, v1);
        acc = mergeLane(acc, v2);
        acc = mergeLane(acc, v3);
        return mergeLane(acc, v4);
    }

    private static long mergeLane(long acc, long v) {
        acc ^= round(0, v);
        return acc * P1 + P4;
    }

    static long mixLane(long acc, long lane) {
        acc ^= round(0, lane);
        return Long.rotateLeft(acc, 27) * P1 + P4;
    }

    static long mixWord(long acc, int word) {
        acc ^= (word & 0xFFFF_FFFFL) * P1;
        return Long.rotateLeft(acc, 23) * P2 + P3;
    }

    static long mixByte(long acc, byte b) {
        acc ^= (b & 0xFFL) * P5;
        return Long.rotateLeft(acc, 11) * P1;
    }

    static long avalanche(long acc) {
        acc ^= acc >>> 33;
        acc *= P2;
        acc ^= acc >>> 29;
        acc *= P3;
        return acc ^ (acc >>> 32);
    }
}
