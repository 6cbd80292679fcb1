package io.cairn.shard.replica;

import io.cairn.shard.manifest.ManifestEvent;
import io.cairn.shard.manifest.ReplicaManifest;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * Keeps a replica's manifest (parts, WAL checkpoint, lifecycle) with Pekko Persistence: the
 * event-sourced half of a replica, a child of {@link ReplicaEntity}. It is separate so that
 * row inserts, which go to the WAL, are never stashed behind a manifest persist.
 *
 * <p>Persistence id {@code replica-<entity id>}: the generation in the entity id keeps a
 * re-created replica from ever recovering an old copy's history.
 */
public final class ManifestKeeper
        extends EventSourcedBehavior<ManifestKeeper.Command, ManifestEvent, ReplicaManifest> {

    public sealed interface Command {}

    /** Persists the events atomically, then answers with the new manifest. */
    public record Record(List<ManifestEvent> events, ActorRef<Recorded> replyTo)
            implements Command {}

    public record Recorded(ReplicaManifest manifest) {}

    /** Sent to the parent once, when recovery is complete. */
    public record Recovered(ReplicaManifest manifest) {}

    private final ActorRef<Recovered> parent;

    private ManifestKeeper(ReplicaId id, ActorRef<Recovered> parent) {
        super(PersistenceId.ofUniqueId("replica-" + id.entityId()));
        this.parent = parent;
    }

    public static Behavior<Command> create(ReplicaId id, ActorRef<Recovered> parent) {
        return Behaviors.setup(ctx -> new ManifestKeeper(id, parent));
    }

    @Override
    public ReplicaManifest emptyState() {
        return ReplicaManifest.EMPTY;
    }

    @Override
    public CommandHandler<Command, ManifestEvent, ReplicaManifest> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Record.class, (state, cmd) -> Effect().persist(cmd.events())
                        .thenReply(cmd.replyTo(), Recorded::new))
                .build();
    }

    @Override
    public EventHandler<ReplicaManifest, ManifestEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onAnyEvent(ReplicaManifest::apply);
    }

    @Override
    public SignalHandler<ReplicaManifest> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> parent.tell(new Recovered(state)))
                .build();
    }

    /** A snapshot is the whole manifest; keep two, drop the events they cover. */
    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(200, 2).withDeleteEventsOnSnapshot();
    }
}
