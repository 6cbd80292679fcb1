package io.cairn.http.ingest;

/**
 * A cursor over protobuf wire-format bytes: varints, fixed-width numbers, length-delimited
 * fields and skipping of any field. Allocates nothing; one instance per decoder, reused through
 * {@link #wrap}. Not thread-safe.
 *
 * <p>Every read checks bounds against {@link #limit}, the end of the message being read, which
 * callers narrow while reading a nested message; malformed input raises {@link IngestException}
 * naming the problem and its byte offset from the start of the wrapped data.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    /** Deeper group nesting than this is rejected rather than risking the stack. */
    private static final int MAX_GROUP_DEPTH = 32;

    byte[] buf;
    int pos;
    int limit;
    private int base;
    private String what = "protobuf message";

    /** Reads {@code buf[off, off + len)}; {@code what} names the data in error messages. */
    void wrap(byte[] buf, int off, int len, String what) {
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
        this.base = off;
        this.what = what;
    }

    boolean more() {
        return pos < limit;
    }

    /** A field tag (field number << 3 | wire type); field number 0 is rejected. */
    int readTag() {
        int at = pos;
        long tag = readVarint();
        if ((tag >>> 3) == 0 || tag > 0xFFFF_FFFFL) {
            throw malformed("invalid field tag " + tag, at);
        }
        return (int) tag;
    }

    long readVarint() {
        int p = pos;
        if (p < limit) {
            byte b = buf[p];
            if (b >= 0) {
                pos = p + 1;
                return b;
            }
        }
        return readVarintSlow();
    }

    private long readVarintSlow() {
        int start = pos;
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw malformed("truncated varint", start);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                if (shift == 63 && b > 1) {
                    throw malformed("varint overflows 64 bits", start);
                }
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes", start);
    }

    long readFixed64() {
        int p = pos;
        if (limit - p < 8) {
            throw malformed("truncated fixed64", p);
        }
        byte[] b = buf;
        long v = (b[p] & 0xFFL)
                | (b[p + 1] & 0xFFL) << 8
                | (b[p + 2] & 0xFFL) << 16
                | (b[p + 3] & 0xFFL) << 24
                | (b[p + 4] & 0xFFL) << 32
                | (b[p + 5] & 0xFFL) << 40
                | (b[p + 6] & 0xFFL) << 48
                | (b[p + 7] & 0xFFL) << 56;
        pos = p + 8;
        return v;
    }

    /** The length of a length-delimited field, checked to fit in the current message. */
    int readLength() {
        int at = pos;
        long len = readVarint();
        if (len < 0 || len > limit - pos) {
            throw malformed("length " + len + " runs past the end of the enclosing message ("
                    + (limit - pos) + " bytes left)", at);
        }
        return (int) len;
    }

    /** Skips the value of a field whose tag was just read. */
    void skipField(int tag) {
        skipField(tag, 0);
    }

    private void skipField(int tag, int depth) {
        int at = pos;
        switch (tag & 7) {
            case VARINT -> readVarint();
            case FIXED64 -> skipBytes(8, at);
            case LEN -> {
                int n = readLength();
                pos += n;
            }
            case FIXED32 -> skipBytes(4, at);
            case START_GROUP -> skipGroup(tag >>> 3, depth + 1, at);
            case END_GROUP -> throw malformed("unexpected end-group tag for field " + (tag >>> 3), at);
            default -> throw malformed("invalid wire type " + (tag & 7) + " for field "
                    + (tag >>> 3), at);
        }
    }

    private void skipBytes(int n, int at) {
        if (limit - pos < n) {
            throw malformed("truncated " + (n == 8 ? "fixed64" : "fixed32"), at);
        }
        pos += n;
    }

    private void skipGroup(int field, int depth, int at) {
        if (depth > MAX_GROUP_DEPTH) {
            throw malformed("groups nested deeper than " + MAX_GROUP_DEPTH, at);
        }
        while (true) {
            if (pos >= limit) {
                throw malformed("group of field " + field + " is not closed", at);
            }
            int tag = readTag();
            if ((tag & 7) == END_GROUP) {
                if ((tag >>> 3) != field) {
                    throw malformed("end-group tag for field " + (tag >>> 3)
                            + " closes the group of field " + field, at);
                }
                return;
            }
            skipField(tag, depth);
        }
    }

    /** An exception for malformed data at absolute buffer position {@code at}. */
    IngestException malformed(String problem, int at) {
        return new IngestException("malformed " + what + ": " + problem + " at byte offset "
                + (at - base));
    }
}
