package io.cairn.shard.manifest;

/**
 * Reference to one immutable part file of a shard replica, as recorded in the replica's
 * manifest. Immutable value; validated on construction so that neither a caller nor a decoder
 * can create a reference the manifest cannot hold.
 *
 * @param fileName   the part's file (or directory) name inside the replica's parts directory:
 *                   non-empty, no path separators, unique within a replica
 * @param day        the UTC day number (days since 1970-01-01) of the partition the part
 *                   belongs to
 * @param minTimeMs  smallest sample timestamp in the part, Unix milliseconds
 * @param maxTimeMs  largest sample timestamp in the part, Unix milliseconds, {@code >= minTimeMs}
 * @param rowCount   number of samples in the part, {@code >= 0}
 * @param sizeBytes  size of the part on disk in bytes, {@code >= 0}
 */
public record PartRef(String fileName, int day, long minTimeMs, long maxTimeMs, long rowCount,
                      long sizeBytes) {

    /** Longest accepted file name in UTF-16 chars; file systems cap names at 255 bytes. */
    public static final int MAX_FILE_NAME_LENGTH = 255;

    public PartRef {
        checkFileName(fileName);
        if (minTimeMs > maxTimeMs) {
            throw new IllegalArgumentException("part " + fileName + ": minTimeMs " + minTimeMs
                    + " > maxTimeMs " + maxTimeMs);
        }
        if (rowCount < 0) {
            throw new IllegalArgumentException("part " + fileName + ": negative rowCount " + rowCount);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("part " + fileName + ": negative sizeBytes " + sizeBytes);
        }
    }

    /**
     * Checks that {@code fileName} may name a part: non-empty, at most
     * {@link #MAX_FILE_NAME_LENGTH} chars, no '/', '\\' or NUL, not "." or "..".
     *
     * @throws IllegalArgumentException naming the bad name
     */
    public static void checkFileName(String fileName) {
        if (fileName == null || fileName.isEmpty()) {
            throw new IllegalArgumentException("part file name must not be empty");
        }
        if (fileName.length() > MAX_FILE_NAME_LENGTH) {
            throw new IllegalArgumentException("part file name longer than " + MAX_FILE_NAME_LENGTH
                    + " chars: " + fileName.substring(0, 32) + "...");
        }
        if (fileName.equals(".") || fileName.equals("..")) {
            throw new IllegalArgumentException("part file name must not be \"" + fileName + "\"");
        }
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '/' || c == '\\' || c == 0) {
                throw new IllegalArgumentException("part file name must not contain '/', '\\' or NUL: \""
                        + fileName + "\"");
            }
        }
    }
}
