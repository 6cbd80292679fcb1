package io.cairn.storage.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * Incremental {@link Hash64} (XXH64): feed bytes piecewise, then {@link #digest()}; the result
 * equals {@code Hash64.hash} over the concatenation of everything fed since {@link #reset}.
 * It exists so that a label set can be hashed in its canonical encoding without materialising
 * that encoding: {@link #putUtf8(String)} encodes chars on the fly exactly as
 * {@code String.getBytes(UTF_8)} does (an unpaired surrogate becomes {@code '?'}).
 *
 * <p>Mutable and not thread-safe: one instance per owning thread, reused for every hash, so
 * hashing allocates nothing.
 */
public final class Hash64Stream {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] stripe = new byte[Hash64.STRIPE];
    private int buffered;
    private long total;
    private long seed;
    private long v1;
    private long v2;
    private long v3;
    private long v4;

    public Hash64Stream() {
        reset(0L);
    }

    /** Starts a new hash with the given seed, discarding anything fed before. */
    public Hash64Stream reset(long seed) {
        this.seed = seed;
        this.v1 = seed + Hash64.P1 + Hash64.P2;
        this.v2 = seed + Hash64.P2;
        this.v3 = seed;
        this.v4 = seed - Hash64.P1;
        this.buffered = 0;
        this.total = 0;
        return this;
    }

    public Hash64Stream putByte(int b) {
        stripe[buffered++] = (byte) b;
        total++;
        if (buffered == Hash64.STRIPE) {
            consumeStripe();
        }
        return this;
    }

    /** Feeds the 8 bytes of {@code value}, least significant first. */
    public Hash64Stream putLongLE(long value) {
        if (buffered <= Hash64.STRIPE - 8) {
            LONG_LE.set(stripe, buffered, value);
            buffered += 8;
            total += 8;
            if (buffered == Hash64.STRIPE) {
                consumeStripe();
            }
            return this;
        }
        for (int i = 0; i < 8; i++) {
            putByte((int) (value >>> (8 * i)));
        }
        return this;
    }

    public Hash64Stream putBytes(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        for (int i = 0; i < length; i++) {
            putByte(data[offset + i]);
        }
        return this;
    }

    public Hash64Stream putBytes(DirectBuffer buffer, int index, int length) {
        for (int i = 0; i < length; i++) {
            putByte(buffer.getByte(index + i));
        }
        return this;
    }

    /** Feeds {@code value} as an unsigned LEB128 varint (7 bits a byte, low group first). */
    public Hash64Stream putVarint(int value) {
        while ((value & ~0x7F) != 0) {
            putByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        return putByte(value);
    }

    /** Feeds the UTF-8 encoding of {@code s}, byte-identical to {@code s.getBytes(UTF_8)}. */
    public Hash64Stream putUtf8(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                putByte(c);
            } else if (c < 0x800) {
                putByte(0xC0 | (c >>> 6));
                putByte(0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    putByte(0xF0 | (cp >>> 18));
                    putByte(0x80 | ((cp >>> 12) & 0x3F));
                    putByte(0x80 | ((cp >>> 6) & 0x3F));
                    putByte(0x80 | (cp & 0x3F));
                } else {
                    putByte('?');
                }
            } else {
                putByte(0xE0 | (c >>> 12));
                putByte(0x80 | ((c >>> 6) & 0x3F));
                putByte(0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    /** Length of {@code s.getBytes(UTF_8)} without encoding it. */
    public static int utf8Length(String s) {
        int n = s.length();
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                len += 1;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    len += 4;
                } else {
                    len += 1;
                }
            } else {
                len += 3;
            }
        }
        return len;
    }

    /** The hash of everything fed since the last reset; the state is left unchanged. */
    public long digest() {
        long acc = total >= Hash64.STRIPE
                ? Hash64.convergeLanes(v1, v2, v3, v4)
                : seed + Hash64.P5;
        acc += total;
        int pos = 0;
        for (; pos + 8 <= buffered; pos += 8) {
            acc = Hash64.mixLane(acc, (long) LONG_LE.get(stripe, pos));
        }
        if (pos + 4 <= buffered) {
            acc = Hash64.mixWord(acc, (int) INT_LE.get(stripe, pos));
            pos += 4;
        }
        for (; pos < buffered; pos++) {
            acc = Hash64.mixByte(acc, stripe[pos]);
        }
        return Hash64.avalanche(acc);
    }

    private void consumeStripe() {
        v1 = Hash64.round(v1, (long) LONG_LE.get(stripe, 0));
        v2 = Hash64.round(v2, (long) LONG_LE.get(stripe, 8));
        v3 = Hash64.round(v3, (long) LONG_LE.get(stripe, 16));
        v4 = Hash64.round(v4, (long) LONG_LE.get(stripe, 24));
        buffered = 0;
    }
}
