package io.cairn.shard.manifest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Events of a shard replica's metadata journal (its part manifest, WAL checkpoint, lifecycle and
 * bootstrap progress), persisted with Pekko Persistence and folded by
 * {@link ReplicaManifest#apply(ManifestEvent)}.
 *
 * <p>All events are immutable records validated on construction (IllegalArgumentException for
 * malformed values); whether an event fits the current state is checked by
 * {@link ReplicaManifest#apply}. Serialized by {@link ManifestSerializer} in the versioned binary
 * format of docs/format/manifest.md: adding a field or an event means a new format version or a
 * new manifest string, never a silent change of the bytes of an existing one.
 */
public sealed interface ManifestEvent {

    /** A new part (flushed from the head, or copied from a sibling) became part of the replica. */
    record PartAdded(PartRef part) implements ManifestEvent {
        public PartAdded {
            if (part == null) {
                throw new IllegalArgumentException("PartAdded: part must not be null");
            }
        }
    }

    /**
     * A background merge replaced {@code inputFileNames} (all of one day) with {@code output}
     * (of the same day).
     */
    record PartsMerged(List<String> inputFileNames, PartRef output) implements ManifestEvent {
        public PartsMerged {
            inputFileNames = checkedNames("PartsMerged", inputFileNames);
            if (output == null) {
                throw new IllegalArgumentException("PartsMerged: output must not be null");
            }
            if (inputFileNames.contains(output.fileName())) {
                throw new IllegalArgumentException("PartsMerged: output " + output.fileName()
                        + " is also an input");
            }
        }
    }

    /** Parts were removed, e.g. by retention ({@code reason} says why, for operators). */
    record PartsDropped(List<String> fileNames, String reason) implements ManifestEvent {
        public PartsDropped {
            fileNames = checkedNames("PartsDropped", fileNames);
            if (reason == null) {
                throw new IllegalArgumentException("PartsDropped: reason must not be null");
            }
        }
    }

    /**
     * Every row of the replica's WAL before {@code walPosition} is in parts listed in the
     * manifest, so recovery replays the WAL from there.
     */
    record WalCheckpointed(long walPosition) implements ManifestEvent {
        public WalCheckpointed {
            if (walPosition < 0) {
                throw new IllegalArgumentException("WalCheckpointed: negative walPosition " + walPosition);
            }
        }
    }

    /** The replica moved to {@code state}. */
    record LifecycleChanged(ReplicaLifecycle state) implements ManifestEvent {
        public LifecycleChanged {
            if (state == null) {
                throw new IllegalArgumentException("LifecycleChanged: state must not be null");
            }
        }
    }

    /** Progress of the initial copy of parts from siblings, in bytes. */
    record BootstrapProgressed(long bytesCopied, long bytesTotal) implements ManifestEvent {
        public BootstrapProgressed {
            if (bytesCopied < 0 || bytesTotal < 0 || bytesCopied > bytesTotal) {
                throw new IllegalArgumentException("BootstrapProgressed: want 0 <= bytesCopied <= bytesTotal, got "
                        + bytesCopied + " of " + bytesTotal);
            }
        }
    }

    /** Copies {@code names} into an immutable list after checking each name and uniqueness. */
    private static List<String> checkedNames(String event, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException(event + ": file name list must not be empty");
        }
        List<String> copy = List.copyOf(names);
        Set<String> seen = new HashSet<>(copy.size() * 2);
        for (String name : copy) {
            PartRef.checkFileName(name);
            if (!seen.add(name)) {
                throw new IllegalArgumentException(event + ": file name listed twice: " + name);
            }
        }
        return copy;
    }
}
