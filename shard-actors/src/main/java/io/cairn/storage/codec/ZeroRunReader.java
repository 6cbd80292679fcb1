package io.cairn.storage.codec;

import java.util.Arrays;

/**
 * Decodes a whole token stream of {@link ZeroRunWriter} into a {@code long[]} in one call; the
 * decoders then integrate the plain values in tight loops of their own. This is the innermost
 * loop of reading stored samples (one token per jittered timestamp, one per changed value), so
 * the loops keep position and bounds in locals, decode varints of 1 to 3 bytes inline (all
 * timestamp jitter and typical counter deltas) and fill zero runs with {@link Arrays#fill}.
 * Measured against alternatives on real streams (branch-free decoding of 1-3 or 1-8 byte
 * varints from loaded bytes, a stop-bit bitmap per 64 bytes), this plain form was the fastest:
 * branch-free forms make every varint wait for the previous one's length (a load-to-length
 * dependency chain of ~10 cycles), which costs more than the occasional mispredicted length
 * branch here, whose chain is one add.
 *
 * <p>Validation matches the per-token reader it replaced: a varint running past the stream's
 * end, longer than 10 bytes or beyond 64 bits, an unknown scheme, TAGGED token 3, a zero run
 * longer than the values still expected: all raise {@link CorruptBlockException}.
 * Reusable; not thread-safe.
 */
final class ZeroRunReader {
    private byte[] buf;
    private int pos;
    private int limit;
    /** End of the varint last read by {@link #checkedVarLong} (a second return value). */
    private int checkedEnd;

    /**
     * Reads {@code k} values of a stream in {@code scheme} starting at the source's position
     * into {@code dst[off, off+k)} and moves the source past the stream.
     */
    void read(ByteSource in, int scheme, long[] dst, int off, int k) {
        if (scheme != ZeroRunWriter.SCHEME_MARKER && scheme != ZeroRunWriter.SCHEME_TAGGED) {
            throw new CorruptBlockException("unknown zero-run scheme " + scheme);
        }
        buf = in.array();
        pos = in.position();
        limit = pos + in.remaining();
        int start = pos;
        if (scheme == ZeroRunWriter.SCHEME_MARKER) {
            readMarker(dst, off, off + k);
        } else {
            readTagged(dst, off, off + k);
        }
        in.skip(pos - start);
        buf = null;
    }

    // Both loops run in two phases. While at least 3 bytes remain they decode the token varint
    // inline with no limit checks (1 to 3 bytes: all timestamp jitter and typical counter
    // deltas); longer tokens, the rare second varint of a token (a zero run's length, an escaped
    // value) and the last bytes of the stream go through the fully checked checkedVarLong.

    private void readMarker(long[] dst, int i, int end) {
        final byte[] b = buf;
        final int inlineLimit = limit - 2; // below it, bytes p..p+2 are inside the stream
        int p = pos;
        while (i < end) {
            long token;
            int x;
            if (p < inlineLimit) {
                if ((x = b[p]) >= 0) {
                    token = x;
                    p++;
                } else if ((x = b[p + 1]) >= 0) {
                    token = (b[p] & 0x7F) | x << 7;
                    p += 2;
                } else if ((x = b[p + 2]) >= 0) {
                    token = (b[p] & 0x7F) | (b[p + 1] & 0x7F) << 7 | x << 14;
                    p += 3;
                } else {
                    token = checkedVarLong(b, p);
                    p = checkedEnd;
                }
            } else {
                token = checkedVarLong(b, p);
                p = checkedEnd;
            }
            if (token != 0) {
                dst[i++] = VarInts.unzigzag(token);
                continue;
            }
            long runMinusOne = checkedVarLong(b, p);
            p = checkedEnd;
            if (runMinusOne < 0 || runMinusOne >= end - i) {
                throw runTooLong(runMinusOne + 1, end - i);
            }
            int stop = i + (int) runMinusOne + 1;
            Arrays.fill(dst, i, stop, 0L);
            i = stop;
        }
        pos = p;
    }

    private void readTagged(long[] dst, int i, int end) {
        final byte[] b = buf;
        final int inlineLimit = limit - 2;
        int p = pos;
        while (i < end) {
            long token;
            int x;
            if (p < inlineLimit) {
                if ((x = b[p]) >= 0) {
                    token = x;
                    p++;
                } else if ((x = b[p + 1]) >= 0) {
                    token = (b[p] & 0x7F) | x << 7;
                    p += 2;
                } else if ((x = b[p + 2]) >= 0) {
                    token = (b[p] & 0x7F) | (b[p + 1] & 0x7F) << 7 | x << 14;
                    p += 3;
                } else {
                    token = checkedVarLong(b, p);
                    p = checkedEnd;
                }
            } else {
                token = checkedVarLong(b, p);
                p = checkedEnd;
            }
            if ((token & 1) == 0) {
                dst[i++] = VarInts.unzigzag(token >>> 1);
                continue;
            }
            long run = token >>> 1;
            if (run == 0) {
                dst[i++] = VarInts.unzigzag(checkedVarLong(b, p));
                p = checkedEnd;
            } else if (run == 1) {
                throw new CorruptBlockException("zero run of length 1 at byte " + p);
            } else {
                if (run > end - i) {
                    throw runTooLong(run, end - i);
                }
                int stop = i + (int) run;
                Arrays.fill(dst, i, stop, 0L);
                i = stop;
            }
        }
        pos = p;
    }

    /** Any varint at {@code b[p..]}, checked against the limit; leaves its end in checkedEnd. */
    private long checkedVarLong(byte[] b, int p) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p >= limit) {
                throw new CorruptBlockException("varint runs past the end at byte " + p);
            }
            int x = b[p++];
            result |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                if (shift == 63 && (x & 0x7E) != 0) {
                    throw new CorruptBlockException("varint overflows 64 bits at byte " + p);
                }
                checkedEnd = p;
                return result;
            }
        }
        throw new CorruptBlockException("varint longer than 10 bytes at byte " + p);
    }

    private static CorruptBlockException runTooLong(long run, int left) {
        return new CorruptBlockException("zero run of " + Long.toUnsignedString(run) + " extends past the "
                + left + " values left in the block");
    }
}
