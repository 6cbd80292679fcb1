package io.cairn.shard.handoff;

/** The answer to queueing a row block for a replica that did not take it. */
public sealed interface HandoffResult {

    /** The block is in this node's handoff queue, as durable as the WAL (-fsync). */
    record Queued(long queuedBytes) implements HandoffResult {}

    /** The block could not be queued (queue over its bound, disk failure): the write fails. */
    record Refused(String message) implements HandoffResult {}
}
