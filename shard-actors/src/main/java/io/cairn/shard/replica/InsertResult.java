package io.cairn.shard.replica;

/** The answer of a replica to an insert: durable, or why not. */
public sealed interface InsertResult extends io.cairn.shard.serialization.CairnMessage {

    /** The rows are in the WAL, durable per the node's -fsync mode. */
    record Durable(long walPosition) implements InsertResult {}

    /** The block itself is bad; retrying will not help (HTTP 400). */
    record Rejected(String message) implements InsertResult {}

    /** The replica cannot take writes now (starting, overloaded, read-only); retry (HTTP 503). */
    record Unavailable(String message) implements InsertResult {}
}
