package io.cairn.shard.serialization;

/**
 * Marker for messages that cross the cluster. reference.conf binds it to
 * {@link CairnKryoSerializer}; every implementing class (and every class it contains) must have a
 * Kryo registration ({@link KryoRegistrations} or {@code cairn.kryo.registrations}), otherwise
 * sending it fails with an error naming the class.
 *
 * <p>Only for transient messages: anything persisted uses a versioned format of its own.
 */
public interface CairnMessage {
}
