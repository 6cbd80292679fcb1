package io.cairn.storage.index;

import java.nio.file.Path;

/**
 * Damage found in the index log at open. A torn tail (the last record of the newest segment
 * was only partly written when the process or machine died) is expected after a crash and
 * was cut off; anything else is corruption: the rest of that segment was not replayed.
 *
 * @param file the segment file
 * @param offset byte offset in the file of the first record not replayed
 * @param bytesSkipped bytes from {@code offset} to the end of the file that were not replayed
 * @param tornTail true for a cut-off tail, false for corruption
 * @param reason what was wrong, for the log and the operator
 */
public record LogDamage(Path file, long offset, long bytesSkipped, boolean tornTail,
        String reason) {
    @Override
    public String toString() {
        return (tornTail ? "torn tail" : "corruption") + " in " + file + " at offset " + offset
                + " (" + bytesSkipped + " bytes not replayed): " + reason;
    }
}
