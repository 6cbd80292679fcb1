package io.cairn.storage.hash;

import io.cairn.storage.model.Labels;
import io.cairn.storage.model.Tenant;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.agrona.DirectBuffer;

/**
 * The series id: a 64-bit hash that names a series everywhere (every replica, every node),
 * so that parts, which store only series ids and samples, can be copied between replicas.
 *
 * <pre>
 *   seriesId = XXH64(seed 0, LE64(tenant.packed()) || labels.canonicalBytes())
 * </pre>
 *
 * <p>This definition is a persisted, cluster-wide contract; it must never change. The shard of
 * a series is {@code JumpHash.shard(seriesId, shards)}.
 *
 * <p>All methods are thread-safe. {@link #of(Tenant, Labels)} encodes into a per-thread
 * {@link Scratch} and allocates nothing once that has grown to fit; owners of a hot loop pass
 * their own scratch to {@link #of(Tenant, Labels, Scratch)} to skip the thread-local lookup.
 */
public final class SeriesIds {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private SeriesIds() {}

    /**
     * Reusable encoding buffer for {@link #of(Tenant, Labels, Scratch)}. Mutable, confined to
     * one thread at a time.
     */
    public static final class Scratch {
        private byte[] buf = new byte[512];

        private void ensure(int size) {
            if (size > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(size, buf.length * 2));
            }
        }
    }

    public static long of(Tenant tenant, Labels labels) {
        return of(tenant, labels, SCRATCH.get());
    }

    /**
     * Same as {@link #of(Tenant, Labels)}: writes the tenant and the canonical label encoding
     * (see {@link Labels#canonicalBytes()}) into the caller's scratch and hashes it in one go.
     */
    public static long of(Tenant tenant, Labels labels, Scratch scratch) {
        scratch.ensure(8);
        LONG_LE.set(scratch.buf, 0, tenant.packed());
        int pos = 8;
        for (int i = 0, n = labels.size(); i < n; i++) {
            pos = putString(scratch, pos, labels.name(i));
            pos = putString(scratch, pos, labels.value(i));
        }
        return Hash64.hash(scratch.buf, 0, pos, 0L);
    }

    /** The id from already canonical label bytes (see {@link Labels#canonicalBytes()}). */
    public static long ofCanonical(long tenantPacked, byte[] canonical, int offset, int length) {
        Scratch s = SCRATCH.get();
        s.ensure(8 + length);
        LONG_LE.set(s.buf, 0, tenantPacked);
        System.arraycopy(canonical, offset, s.buf, 8, length);
        return Hash64.hash(s.buf, 0, 8 + length, 0L);
    }

    /** The id from canonical label bytes held in a buffer, e.g. a decoded row batch. */
    public static long ofCanonical(long tenantPacked, DirectBuffer canonical, int index,
            int length) {
        Scratch s = SCRATCH.get();
        s.ensure(8 + length);
        LONG_LE.set(s.buf, 0, tenantPacked);
        canonical.getBytes(index, s.buf, 8, length);
        return Hash64.hash(s.buf, 0, 8 + length, 0L);
    }

    /** Appends varint(UTF-8 length) and the UTF-8 bytes of {@code str}; returns the new end. */
    private static int putString(Scratch scratch, int pos, String str) {
        int n = str.length();
        int lengthBytes = varintSize(n);
        scratch.ensure(pos + lengthBytes + n);
        byte[] buf = scratch.buf;
        // Fast path, the common case: ASCII, so one byte per char and the length is n.
        int at = pos + lengthBytes;
        for (int i = 0; i < n; i++) {
            char c = str.charAt(i);
            if (c >= 0x80) {
                return putNonAscii(scratch, pos, str);
            }
            buf[at + i] = (byte) c;
        }
        putVarint(buf, pos, n);
        return at + n;
    }

    private static int putNonAscii(Scratch scratch, int pos, String str) {
        int len = Hash64Stream.utf8Length(str);
        scratch.ensure(pos + varintSize(len) + len);
        byte[] buf = scratch.buf;
        pos = putVarint(buf, pos, len);
        for (int i = 0, n = str.length(); i < n; i++) {
            char c = str.charAt(i);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >>> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(str.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, str.charAt(++i));
                    buf[pos++] = (byte) (0xF0 | (cp >>> 18));
                    buf[pos++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
                    buf[pos++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                    buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    buf[pos++] = '?'; // as String.getBytes(UTF_8) does for a lone surrogate
                }
            } else {
                buf[pos++] = (byte) (0xE0 | (c >>> 12));
                buf[pos++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return pos;
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int putVarint(byte[] buf, int pos, int v) {
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return pos;
    }
}
