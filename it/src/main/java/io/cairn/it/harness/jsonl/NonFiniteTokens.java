package io.cairn.it.harness.jsonl;

import java.util.Arrays;

/**
 * Makes an export line valid JSON for a standard parser: VictoriaMetrics writes non-finite
 * sample values as the bare tokens {@code NaN}, {@code +Inf}, {@code -Inf} (Cairn may write
 * {@code Inf}), which JSON does not allow. Outside string literals each such token is wrapped in
 * quotes; {@link ExportParser} then reads quoted values as numbers. Text inside strings (label
 * values may well say "NaN") is never touched.
 */
final class NonFiniteTokens {
    private static final byte[][] TOKENS = {
        "NaN".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "+Inf".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "-Inf".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "Inf".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    };

    private NonFiniteTokens() {}

    /**
     * Returns {@code line[0, length)} with bare non-finite tokens quoted; the same array if there
     * were none (the common case: no copy).
     */
    static byte[] quote(byte[] line, int length) {
        byte[] out = null;
        int outLen = 0;
        int copiedUpTo = 0;
        boolean inString = false;
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            if (b == '"') {
                inString = true;
                continue;
            }
            if (b != 'N' && b != 'I' && b != '+' && b != '-') {
                continue;
            }
            int tokenLen = matchToken(line, i, length);
            if (tokenLen == 0) {
                continue;
            }
            if (out == null) {
                out = new byte[length + 16];
            }
            int needed = outLen + (i - copiedUpTo) + tokenLen + 2 + (length - i);
            if (needed > out.length) {
                out = Arrays.copyOf(out, Math.max(needed, out.length * 2));
            }
            System.arraycopy(line, copiedUpTo, out, outLen, i - copiedUpTo);
            outLen += i - copiedUpTo;
            out[outLen++] = '"';
            System.arraycopy(line, i, out, outLen, tokenLen);
            outLen += tokenLen;
            out[outLen++] = '"';
            i += tokenLen - 1;
            copiedUpTo = i + 1;
        }
        if (out == null) {
            return line;
        }
        int rest = length - copiedUpTo;
        if (outLen + rest > out.length) {
            out = Arrays.copyOf(out, outLen + rest);
        }
        System.arraycopy(line, copiedUpTo, out, outLen, rest);
        return Arrays.copyOf(out, outLen + rest);
    }

    /** Length of the non-finite token at {@code pos} if it stands alone (followed by , ] or space), else 0. */
    private static int matchToken(byte[] line, int pos, int length) {
        for (byte[] token : TOKENS) {
            int end = pos + token.length;
            if (end <= length && Arrays.equals(line, pos, end, token, 0, token.length)
                    && (end == length || line[end] == ',' || line[end] == ']' || line[end] == ' ')) {
                return token.length;
            }
        }
        return 0;
    }
}
