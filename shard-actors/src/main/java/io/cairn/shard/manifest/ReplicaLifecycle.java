package io.cairn.shard.manifest;

/**
 * Lifecycle of one shard replica (one generation of it).
 *
 * <p>Allowed transitions: {@code INITIALIZING -> AVAILABLE -> LEAVING} and
 * {@code INITIALIZING -> LEAVING} (a move that is called off before the copy finished). A replica
 * never returns to an earlier state: a replica that must come back is a new generation.
 *
 * <p>The persisted code of each constant is {@link #code()}, never {@link #ordinal()}, so that
 * constants may be reordered or added without changing stored bytes.
 */
public enum ReplicaLifecycle {
    /** Receives new writes and copies existing parts from its siblings; not yet queried. */
    INITIALIZING((byte) 1),
    /** Holds all data of its shard; queried and written. */
    AVAILABLE((byte) 2),
    /** Being retired after a replacement became available; its data is about to be deleted. */
    LEAVING((byte) 3);

    private final byte code;

    ReplicaLifecycle(byte code) {
        this.code = code;
    }

    /** The stable byte stored for this state in the manifest format. */
    public byte code() {
        return code;
    }

    /**
     * The state stored as {@code code}.
     *
     * @throws IllegalArgumentException when no state has that code
     */
    public static ReplicaLifecycle fromCode(byte code) {
        for (ReplicaLifecycle s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown replica lifecycle code " + code);
    }

    /** Whether a replica in this state may move to {@code next}. */
    public boolean canMoveTo(ReplicaLifecycle next) {
        return switch (this) {
            case INITIALIZING -> next == AVAILABLE || next == LEAVING;
            case AVAILABLE -> next == LEAVING;
            case LEAVING -> false;
        };
    }
}
