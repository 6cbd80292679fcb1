package io.cairn.storage.engine;

/**
 * Part file names: {@code <day>-<sequence>-<generation>.part}, fixed width so that name order is
 * age order, which "newest part wins" for rewritten samples relies on. A flushed part gets the
 * next sequence number of its replica and generation 0; a merged part takes the sequence of its
 * newest input and a generation one above its inputs', so it sorts exactly where its inputs were
 * and its name never repeats an input's.
 *
 * <p>Sequences below {@link #FIRST_OWN_SEQUENCE} are reserved for parts copied from a sibling
 * replica (peer bootstrap, io.cairn.shard.bootstrap): a replica numbers its own flushes from
 * there up, so copied parts, which hold older data than anything the replica wrote itself, sort
 * before its own parts of the same day, also after a restart.
 */
final class PartNames {
    /** First sequence of parts a replica flushes itself; lower ones name imported parts. */
    static final long FIRST_OWN_SEQUENCE = 1_000_000_000L;

    private PartNames() {}

    static String of(int day, long sequence, int generation) {
        return String.format("%06d-%012d-%03d.part", day, sequence, generation);
    }

    /** The sequence number of a name made by {@link #of}; -1 for other names. */
    static long sequenceOf(String fileName) {
        String[] p = split(fileName);
        return p == null ? -1 : Long.parseLong(p[1]);
    }

    /** The merge generation of a name made by {@link #of}; 0 for other names. */
    static int generationOf(String fileName) {
        String[] p = split(fileName);
        return p == null ? 0 : Integer.parseInt(p[2]);
    }

    private static String[] split(String fileName) {
        if (!fileName.endsWith(".part")) {
            return null;
        }
        String[] p = fileName.substring(0, fileName.length() - 5).split("-");
        if (p.length != 3) {
            return null;
        }
        for (String s : p) {
            if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
                return null;
            }
        }
        return p;
    }
}
