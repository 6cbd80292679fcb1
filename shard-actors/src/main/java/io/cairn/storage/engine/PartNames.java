package io.cairn.storage.engine;

/**
 * Part file names: {@code <day>-<sequence>.part}, day = UTC day number, sequence increasing
 * per replica so names never repeat (a merged part gets a new name, never an input's).
 */
final class PartNames {
    private PartNames() {}

    static String of(int day, long sequence) {
        return String.format("%06d-%012d.part", day, sequence);
    }

    /** The sequence number of a name made by {@link #of}; -1 for other names. */
    static long sequenceOf(String fileName) {
        int dash = fileName.indexOf('-');
        int dot = fileName.lastIndexOf(".part");
        if (dash < 0 || dot < dash) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(dash + 1, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
