package io.cairn.shard.journal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Maps a Pekko persistence id to a directory name and back, so that every persistence id has a
 * directory of its own under the journal and snapshot roots.
 *
 * <p>Letters, digits, '-' and '_' stay as they are; every other UTF-8 byte (including '.', so
 * that no name is "." or ".." or hidden) becomes {@code %XX} with upper-case hex. The mapping is
 * injective and reversible, and the result is portable across file systems. Example:
 * {@code ShardReplica|s3-r0-g1 -> ShardReplica%7Cs3-r0-g1}.
 */
public final class PersistenceIdEscaper {

    /** Longest escaped name accepted: below the common 255-byte file-name limit. */
    public static final int MAX_ESCAPED_LENGTH = 240;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PersistenceIdEscaper() {
    }

    /**
     * The directory name of {@code persistenceId}.
     *
     * @throws IllegalArgumentException when the id is empty or its escaped form is longer than
     *     {@link #MAX_ESCAPED_LENGTH}
     */
    public static String escape(String persistenceId) {
        if (persistenceId == null || persistenceId.isEmpty()) {
            throw new IllegalArgumentException("persistence id must not be empty");
        }
        StringBuilder sb = new StringBuilder(persistenceId.length() + 8);
        for (byte b : persistenceId.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        if (sb.length() > MAX_ESCAPED_LENGTH) {
            throw new IllegalArgumentException("persistence id too long for a directory name ("
                    + sb.length() + " > " + MAX_ESCAPED_LENGTH + " chars escaped): " + persistenceId);
        }
        return sb.toString();
    }

    /**
     * The persistence id whose directory is {@code name}.
     *
     * @throws IllegalArgumentException when {@code name} is not the output of {@link #escape}
     */
    public static String unescape(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    throw new IllegalArgumentException("not an escaped persistence id (short %XX): " + name);
                }
                int hi = Character.digit(name.charAt(i + 1), 16);
                int lo = Character.digit(name.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("not an escaped persistence id (bad %XX): " + name);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw new IllegalArgumentException("not an escaped persistence id (non-ASCII): " + name);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
