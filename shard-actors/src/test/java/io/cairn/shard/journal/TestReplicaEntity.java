package io.cairn.shard.journal;

import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.ReplicaManifest;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * Test stand-in for the shard replica entity: persists ManifestEvents into the cairn journal and
 * snapshots its ReplicaManifest every {@code snapshotEvery} events (keeping two snapshots and
 * deleting events older than the older one, the retention the snapshot store's fallback needs).
 */
final class TestReplicaEntity extends EventSourcedBehavior<TestReplicaEntity.Command, ManifestEvent, ReplicaManifest> {

    sealed interface Command {
    }

    /** Persists {@code event}, then replies with the new state. */
    record Persist(ManifestEvent event, ActorRef<ReplicaManifest> replyTo) implements Command {
    }

    record Get(ActorRef<ReplicaManifest> replyTo) implements Command {
    }

    private final int snapshotEvery;

    private TestReplicaEntity(PersistenceId id, int snapshotEvery) {
        super(id);
        this.snapshotEvery = snapshotEvery;
    }

    static Behavior<Command> create(String entityId, int snapshotEvery) {
        return new TestReplicaEntity(PersistenceId.of("TestReplica", entityId), snapshotEvery);
    }

    @Override
    public ReplicaManifest emptyState() {
        return ReplicaManifest.EMPTY;
    }

    @Override
    public String journalPluginId() {
        return "cairn.journal";
    }

    @Override
    public String snapshotPluginId() {
        return "cairn.snapshot-store";
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
    }

    @Override
    public CommandHandler<Command, ManifestEvent, ReplicaManifest> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Persist.class, (state, cmd) -> Effect().persist(cmd.event()).thenReply(cmd.replyTo(), s -> s))
                .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
                .build();
    }

    @Override
    public EventHandler<ReplicaManifest, ManifestEvent> eventHandler() {
        return (state, event) -> state.apply(event);
    }
}
