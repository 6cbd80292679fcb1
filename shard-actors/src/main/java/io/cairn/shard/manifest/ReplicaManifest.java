package io.cairn.shard.manifest;

import io.cairn.shard.manifest.ManifestEvent.BootstrapProgressed;
import io.cairn.shard.manifest.ManifestEvent.LifecycleChanged;
import io.cairn.shard.manifest.ManifestEvent.PartAdded;
import io.cairn.shard.manifest.ManifestEvent.PartsDropped;
import io.cairn.shard.manifest.ManifestEvent.PartsMerged;
import io.cairn.shard.manifest.ManifestEvent.WalCheckpointed;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The metadata state of one shard replica: its parts grouped per UTC day, its WAL checkpoint,
 * lifecycle and bootstrap progress. It is the state of the replica's event-sourced entity and,
 * whole, its snapshot.
 *
 * <p>Immutable and therefore thread safe: {@link #apply} returns a new instance and shares the
 * unchanged days with the old one (copy on write per day), so an event costs O(days + parts of
 * the affected day), not O(all parts).
 *
 * <p>{@link #apply} enforces the manifest's invariants; an event that does not fit the state
 * means the entity persisted something it should not have, so it fails with
 * {@code IllegalStateException("BUG: ...")}.
 */
public final class ReplicaManifest {

    /** State of a replica that has persisted nothing yet. */
    public static final ReplicaManifest EMPTY =
            new ReplicaManifest(new TreeMap<>(), 0, 0L, ReplicaLifecycle.INITIALIZING, 0L, 0L);

    /** Day -> (file name -> part); never holds an empty day. Never mutated after construction. */
    private final TreeMap<Integer, SortedMap<String, PartRef>> partsByDay;
    private final int partCount;
    private final long walCheckpoint;
    private final ReplicaLifecycle lifecycle;
    private final long bootstrapBytesCopied;
    private final long bootstrapBytesTotal;

    private ReplicaManifest(TreeMap<Integer, SortedMap<String, PartRef>> partsByDay, int partCount,
                            long walCheckpoint, ReplicaLifecycle lifecycle, long bootstrapBytesCopied,
                            long bootstrapBytesTotal) {
        this.partsByDay = partsByDay;
        this.partCount = partCount;
        this.walCheckpoint = walCheckpoint;
        this.lifecycle = lifecycle;
        this.bootstrapBytesCopied = bootstrapBytesCopied;
        this.bootstrapBytesTotal = bootstrapBytesTotal;
    }

    /**
     * Builds a manifest from its parts and scalar fields, e.g. when decoding a snapshot.
     *
     * @throws IllegalArgumentException when two parts share a file name, the WAL checkpoint is
     *     negative or the bootstrap progress is not {@code 0 <= copied <= total}
     */
    public static ReplicaManifest of(Collection<PartRef> parts, long walCheckpoint,
                                     ReplicaLifecycle lifecycle, long bootstrapBytesCopied,
                                     long bootstrapBytesTotal) {
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (walCheckpoint < 0) {
            throw new IllegalArgumentException("negative walCheckpoint " + walCheckpoint);
        }
        if (bootstrapBytesCopied < 0 || bootstrapBytesCopied > bootstrapBytesTotal) {
            throw new IllegalArgumentException("bootstrap progress: want 0 <= copied <= total, got "
                    + bootstrapBytesCopied + " of " + bootstrapBytesTotal);
        }
        TreeMap<Integer, SortedMap<String, PartRef>> byDay = new TreeMap<>();
        HashSet<String> names = new HashSet<>();
        for (PartRef p : parts) {
            if (!names.add(p.fileName())) {
                throw new IllegalArgumentException("part file name listed twice: " + p.fileName());
            }
            byDay.computeIfAbsent(p.day(), d -> new TreeMap<>()).put(p.fileName(), p);
        }
        byDay.replaceAll((d, m) -> Collections.unmodifiableSortedMap(m));
        return new ReplicaManifest(byDay, names.size(), walCheckpoint, lifecycle, bootstrapBytesCopied,
                bootstrapBytesTotal);
    }

    /**
     * The state after {@code event}.
     *
     * @throws IllegalStateException ("BUG: ...") when the event does not fit this state: adding
     *     a part that exists, merging or dropping parts that are absent, merging across days,
     *     moving the WAL checkpoint back, an illegal lifecycle transition, bootstrap progress
     *     outside INITIALIZING
     */
    public ReplicaManifest apply(ManifestEvent event) {
        // Java 17 has no pattern switch; the sealed interface keeps this chain exhaustive in
        // review, and the final branch catches a new event type that was not added here.
        if (event instanceof PartAdded e) {
            return withPartAdded(e.part());
        } else if (event instanceof PartsMerged e) {
            return withPartsMerged(e);
        } else if (event instanceof PartsDropped e) {
            return withPartsDropped(e);
        } else if (event instanceof WalCheckpointed e) {
            return withWalCheckpoint(e.walPosition());
        } else if (event instanceof LifecycleChanged e) {
            return withLifecycle(e.state());
        } else if (event instanceof BootstrapProgressed e) {
            return withBootstrapProgress(e);
        }
        throw new IllegalStateException("BUG: ReplicaManifest cannot apply " + event);
    }

    private ReplicaManifest withPartAdded(PartRef part) {
        Optional<PartRef> existing = findPart(part.fileName());
        if (existing.isPresent()) {
            throw new IllegalStateException("BUG: PartAdded for part " + part.fileName()
                    + " that is already in the manifest (day " + existing.get().day() + ")");
        }
        TreeMap<Integer, SortedMap<String, PartRef>> days = new TreeMap<>(partsByDay);
        TreeMap<String, PartRef> day = new TreeMap<>(partsOfDay(part.day()));
        day.put(part.fileName(), part);
        days.put(part.day(), Collections.unmodifiableSortedMap(day));
        return new ReplicaManifest(days, partCount + 1, walCheckpoint, lifecycle, bootstrapBytesCopied,
                bootstrapBytesTotal);
    }

    private ReplicaManifest withPartsMerged(PartsMerged e) {
        PartRef output = e.output();
        if (findPart(output.fileName()).isPresent()) {
            throw new IllegalStateException("BUG: PartsMerged into part " + output.fileName()
                    + " that is already in the manifest");
        }
        TreeMap<String, PartRef> day = new TreeMap<>(partsOfDay(output.day()));
        for (String input : e.inputFileNames()) {
            if (day.remove(input) == null) {
                Optional<PartRef> elsewhere = findPart(input);
                throw new IllegalStateException(elsewhere.isPresent()
                        ? "BUG: PartsMerged input " + input + " is of day " + elsewhere.get().day()
                                + " but output " + output.fileName() + " is of day " + output.day()
                        : "BUG: PartsMerged input " + input + " is not in the manifest");
            }
        }
        day.put(output.fileName(), output);
        TreeMap<Integer, SortedMap<String, PartRef>> days = new TreeMap<>(partsByDay);
        days.put(output.day(), Collections.unmodifiableSortedMap(day));
        return new ReplicaManifest(days, partCount - e.inputFileNames().size() + 1, walCheckpoint,
                lifecycle, bootstrapBytesCopied, bootstrapBytesTotal);
    }

    private ReplicaManifest withPartsDropped(PartsDropped e) {
        TreeMap<Integer, SortedMap<String, PartRef>> days = new TreeMap<>(partsByDay);
        for (String name : e.fileNames()) {
            PartRef part = findPart(name).orElseThrow(() -> new IllegalStateException(
                    "BUG: PartsDropped (" + e.reason() + ") names part " + name + " that is not in the manifest"));
            TreeMap<String, PartRef> day = new TreeMap<>(days.get(part.day()));
            day.remove(name);
            if (day.isEmpty()) {
                days.remove(part.day());
            } else {
                days.put(part.day(), Collections.unmodifiableSortedMap(day));
            }
        }
        return new ReplicaManifest(days, partCount - e.fileNames().size(), walCheckpoint, lifecycle,
                bootstrapBytesCopied, bootstrapBytesTotal);
    }

    private ReplicaManifest withWalCheckpoint(long position) {
        if (position < walCheckpoint) {
            throw new IllegalStateException("BUG: WAL checkpoint moves back from " + walCheckpoint
                    + " to " + position);
        }
        return new ReplicaManifest(partsByDay, partCount, position, lifecycle, bootstrapBytesCopied,
                bootstrapBytesTotal);
    }

    private ReplicaManifest withLifecycle(ReplicaLifecycle next) {
        if (!lifecycle.canMoveTo(next)) {
            throw new IllegalStateException("BUG: illegal lifecycle transition " + lifecycle + " -> " + next);
        }
        return new ReplicaManifest(partsByDay, partCount, walCheckpoint, next, bootstrapBytesCopied,
                bootstrapBytesTotal);
    }

    private ReplicaManifest withBootstrapProgress(BootstrapProgressed e) {
        if (lifecycle != ReplicaLifecycle.INITIALIZING) {
            throw new IllegalStateException("BUG: bootstrap progress " + e.bytesCopied() + "/"
                    + e.bytesTotal() + " recorded while " + lifecycle);
        }
        return new ReplicaManifest(partsByDay, partCount, walCheckpoint, lifecycle, e.bytesCopied(),
                e.bytesTotal());
    }

    /** The part named {@code fileName}; O(days). */
    public Optional<PartRef> findPart(String fileName) {
        for (SortedMap<String, PartRef> day : partsByDay.values()) {
            PartRef p = day.get(fileName);
            if (p != null) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Unmodifiable view: UTC day -> (file name -> part), days and names ascending. */
    public SortedMap<Integer, SortedMap<String, PartRef>> partsByDay() {
        return Collections.unmodifiableSortedMap(partsByDay);
    }

    /** Unmodifiable parts of one UTC day by file name; empty when the day has none. */
    public SortedMap<String, PartRef> partsOfDay(int day) {
        SortedMap<String, PartRef> parts = partsByDay.get(day);
        return parts == null ? Collections.emptySortedMap() : parts;
    }

    /** A new unmodifiable map of all parts by file name; O(parts), not for hot paths. */
    public SortedMap<String, PartRef> partsByFileName() {
        TreeMap<String, PartRef> all = new TreeMap<>();
        for (SortedMap<String, PartRef> day : partsByDay.values()) {
            all.putAll(day);
        }
        return Collections.unmodifiableSortedMap(all);
    }

    public int partCount() {
        return partCount;
    }

    /** WAL position before which every row is in the manifest's parts. */
    public long walCheckpoint() {
        return walCheckpoint;
    }

    public ReplicaLifecycle lifecycle() {
        return lifecycle;
    }

    public long bootstrapBytesCopied() {
        return bootstrapBytesCopied;
    }

    public long bootstrapBytesTotal() {
        return bootstrapBytesTotal;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicaManifest m
                && partCount == m.partCount
                && walCheckpoint == m.walCheckpoint
                && lifecycle == m.lifecycle
                && bootstrapBytesCopied == m.bootstrapBytesCopied
                && bootstrapBytesTotal == m.bootstrapBytesTotal
                && partsByDay.equals(m.partsByDay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partsByDay, walCheckpoint, lifecycle, bootstrapBytesCopied, bootstrapBytesTotal);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ReplicaManifest{lifecycle=").append(lifecycle)
                .append(", walCheckpoint=").append(walCheckpoint)
                .append(", bootstrap=").append(bootstrapBytesCopied).append('/').append(bootstrapBytesTotal)
                .append(", parts=").append(partCount).append(" in ").append(partsByDay.size()).append(" days");
        if (partCount <= 16) {
            for (Map.Entry<Integer, SortedMap<String, PartRef>> d : partsByDay.entrySet()) {
                sb.append(", day ").append(d.getKey()).append('=').append(d.getValue().keySet());
            }
        }
        return sb.append('}').toString();
    }
}
