package io.cairn.http.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that JSON bodies are written into as UTF-8, replacing
 * {@code StringBuilder} + {@code toString().getBytes(UTF_8)} (two full copies and a per-char
 * capacity and coder check) on the query answer path.
 *
 * <p>Writers that emit a bounded run of bytes (a point, a number) reserve room once with
 * {@link #ensure} and then fill the array through the package-private {@link #array()} /
 * {@link #position()} / {@link #position(int)}, so the capacity is checked once per run, not
 * per byte. The public {@code append} methods check and grow themselves.
 *
 * <p>Not thread-safe: one instance per body being written. The array handed out by
 * {@link #toByteArray} is a copy the caller owns.
 */
public final class JsonBytes {
    /** Larger arrays may fail on some VMs (the JDK's own collections stop here). */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;
    /**
     * Strings are escaped in chunks of this many chars, so that room is reserved for a chunk's
     * worst case rather than for a long string's.
     */
    private static final int STRING_CHUNK = 1024;
    /** The most bytes one char turns into: a control char or U+2028 as a six-byte escape. */
    private static final int MAX_BYTES_PER_CHAR = 6;
    private static final byte[] MIN_LONG =
            "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int pos;

    /** An empty buffer with room for {@code initialCapacity} bytes before it grows. */
    public JsonBytes(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative initial capacity " + initialCapacity);
        }
        buf = new byte[initialCapacity];
    }

    /** Number of bytes written so far. */
    public int length() {
        return pos;
    }

    /** Forgets the content and keeps the array, for writers that reuse one buffer. */
    public void clear() {
        pos = 0;
    }

    /** A copy of the bytes written, exactly {@link #length()} long. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Writes the content to {@code out} without copying it. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, pos);
    }

    /**
     * Makes room for at least {@code n} more bytes, growing to at least twice the capacity
     * so that a body written in small runs is copied O(log size) times.
     *
     * @throws IllegalStateException when the body would exceed the largest Java array
     */
    public void ensure(int n) {
        if (n > buf.length - pos) {
            grow(n);
        }
    }

    /**
     * Makes room for at least {@code n} more bytes, growing to exactly that when it must grow:
     * for writers that have estimated the rest of the body, where doubling would allocate
     * up to twice the estimate.
     *
     * @throws IllegalStateException when the body would exceed the largest Java array
     */
    public void ensureExactly(int n) {
        if (n > buf.length - pos) {
            long needed = (long) pos + n;
            if (needed > MAX_CAPACITY) {
                throw tooLarge(needed);
            }
            buf = Arrays.copyOf(buf, (int) needed);
        }
    }

    private static IllegalStateException tooLarge(long needed) {
        return new IllegalStateException("JSON body larger than " + MAX_CAPACITY + " bytes: "
                + needed + " needed");
    }

    private void grow(int n) {
        long needed = (long) pos + n;
        if (needed > MAX_CAPACITY) {
            throw tooLarge(needed);
        }
        long doubled = Math.min(2L * buf.length, MAX_CAPACITY);
        buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.max(doubled, 16)));
    }

    /** Appends an ASCII char ({@code c < 0x80}, which is not checked). */
    public JsonBytes append(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
        return this;
    }

    /** Appends pre-encoded bytes (UTF-8 JSON text), typically a constant. */
    public JsonBytes append(byte[] utf8) {
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
        return this;
    }

    /** Appends the content of {@code other}, which is not changed. */
    public JsonBytes append(JsonBytes other) {
        ensure(other.pos);
        System.arraycopy(other.buf, 0, buf, pos, other.pos);
        pos += other.pos;
        return this;
    }

    /** Appends {@code v} in decimal, as {@link Long#toString(long)} writes it. */
    public JsonBytes appendLong(long v) {
        if (v == Long.MIN_VALUE) {
            return append(MIN_LONG);
        }
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        pos = DecimalDigits.write(buf, pos, v, DecimalDigits.count(v));
        return this;
    }

    /**
     * Appends {@code s} as a quoted JSON string in UTF-8, escaped by {@link PromJson}'s rules
     * (Go's encoding/json): see {@link PromJson#appendString}. Unpaired surrogates become
     * U+FFFD, as there is no UTF-8 for them.
     */
    public JsonBytes appendString(String s) {
        append('"');
        int n = s.length();
        int i = 0;
        while (i < n) {
            int end = Math.min(n, i + STRING_CHUNK);
            ensure((end - i) * MAX_BYTES_PER_CHAR);
            i = escapeChunk(s, i, end);
        }
        return append('"');
    }

    /**
     * Escapes chars {@code [from, end)} of {@code s} into room already reserved (6 bytes per
     * char); returns the next char index: {@code end}, or {@code end + 1} when a surrogate
     * pair straddles the end (2 chars, 4 bytes: within the reservation).
     */
    private int escapeChunk(String s, int from, int end) {
        byte[] b = buf;
        int p = pos;
        int i = from;
        while (i < end) {
            char c = s.charAt(i++);
            if (c < 0x80) {
                byte esc = PromJson.ASCII_ESCAPES[c];
                if (esc == 0) {
                    b[p++] = (byte) c;
                } else if (esc == PromJson.UNICODE_ESCAPE) {
                    p = unicodeEscape(b, p, c);
                } else {
                    b[p++] = '\\';
                    b[p++] = esc;
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i < s.length()
                        && Character.isLowSurrogate(s.charAt(i))) {
                    int cp = Character.toCodePoint(c, s.charAt(i++));
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    p = utf8ThreeBytes(b, p, PromJson.REPLACEMENT_CHAR);
                }
            } else if (PromJson.isLineSeparator(c)) {
                p = unicodeEscape(b, p, c);
            } else {
                p = utf8ThreeBytes(b, p, c);
            }
        }
        pos = p;
        return i;
    }

    private static int utf8ThreeBytes(byte[] b, int p, char c) {
        b[p] = (byte) (0xE0 | c >> 12);
        b[p + 1] = (byte) (0x80 | c >> 6 & 0x3F);
        b[p + 2] = (byte) (0x80 | c & 0x3F);
        return p + 3;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p] = '\\';
        b[p + 1] = 'u';
        b[p + 2] = HEX[c >> 12 & 0xF];
        b[p + 3] = HEX[c >> 8 & 0xF];
        b[p + 4] = HEX[c >> 4 & 0xF];
        b[p + 5] = HEX[c & 0xF];
        return p + 6;
    }

    /** The backing array, for this package's writers after {@link #ensure}. */
    byte[] array() {
        return buf;
    }

    /** The next write index into {@link #array()}. */
    int position() {
        return pos;
    }

    /** Commits bytes written directly into {@link #array()} up to {@code newPosition}. */
    void position(int newPosition) {
        if (newPosition < pos || newPosition > buf.length) {
            throw new IllegalStateException("BUG: position " + newPosition + " outside ["
                    + pos + ", " + buf.length + "]");
        }
        pos = newPosition;
    }
}
