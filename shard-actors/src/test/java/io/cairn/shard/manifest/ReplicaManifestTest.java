package io.cairn.shard.manifest;

import static io.cairn.shard.manifest.ManifestSamples.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.shard.manifest.ManifestEvent.BootstrapProgressed;
import io.cairn.shard.manifest.ManifestEvent.LifecycleChanged;
import io.cairn.shard.manifest.ManifestEvent.PartAdded;
import io.cairn.shard.manifest.ManifestEvent.PartsDropped;
import io.cairn.shard.manifest.ManifestEvent.PartsMerged;
import io.cairn.shard.manifest.ManifestEvent.WalCheckpointed;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaManifestTest {

    /** Two parts on day 10, one on day 11, AVAILABLE, WAL checkpoint 100. */
    private static ReplicaManifest base() {
        return ReplicaManifest.EMPTY
                .apply(new PartAdded(part("a", 10)))
                .apply(new PartAdded(part("b", 10)))
                .apply(new PartAdded(part("c", 11)))
                .apply(new WalCheckpointed(100))
                .apply(new LifecycleChanged(ReplicaLifecycle.AVAILABLE));
    }

    @Test
    void eventsFoldIntoTheExpectedState() {
        ReplicaManifest m = base()
                .apply(new PartsMerged(List.of("a", "b"), part("ab", 10)))
                .apply(new PartsDropped(List.of("c"), "retention"))
                .apply(new WalCheckpointed(200));
        assertEquals(1, m.partCount());
        assertEquals(List.of(10), List.copyOf(m.partsByDay().keySet()));
        assertEquals(part("ab", 10), m.findPart("ab").orElseThrow());
        assertFalse(m.findPart("a").isPresent());
        assertTrue(m.partsOfDay(11).isEmpty());
        assertEquals(200, m.walCheckpoint());
        assertEquals(ReplicaLifecycle.AVAILABLE, m.lifecycle());
    }

    @Test
    void applyLeavesTheOldStateUntouched() {
        ReplicaManifest before = base();
        ReplicaManifest copy = base();
        before.apply(new PartsDropped(List.of("a", "c"), "retention"));
        assertEquals(copy, before);
        assertEquals(3, before.partCount());
    }

    @Test
    void viewsAreUnmodifiable() {
        ReplicaManifest m = base();
        assertThrows(UnsupportedOperationException.class, () -> m.partsByDay().clear());
        assertThrows(UnsupportedOperationException.class, () -> m.partsOfDay(10).clear());
        assertThrows(UnsupportedOperationException.class, () -> m.partsByFileName().clear());
    }

    @Test
    void bootstrapProgressIsRecordedWhileInitializing() {
        ReplicaManifest m = ReplicaManifest.EMPTY.apply(new BootstrapProgressed(5, 10));
        assertEquals(5, m.bootstrapBytesCopied());
        assertEquals(10, m.bootstrapBytesTotal());
    }

    static Stream<Arguments> eventsThatBreakInvariants() {
        return Stream.of(
                Arguments.of("add existing part", new PartAdded(part("a", 12)), "already in the manifest"),
                Arguments.of("merge absent input", new PartsMerged(List.of("a", "x"), part("ax", 10)),
                        "x is not in the manifest"),
                Arguments.of("merge across days", new PartsMerged(List.of("a", "c"), part("ac", 10)),
                        "of day 11"),
                Arguments.of("merge into existing part", new PartsMerged(List.of("a"), part("c", 10)),
                        "already in the manifest"),
                Arguments.of("drop absent part", new PartsDropped(List.of("a", "zz"), "retention"),
                        "zz that is not in the manifest"),
                Arguments.of("WAL checkpoint back", new WalCheckpointed(99), "moves back"),
                Arguments.of("AVAILABLE -> AVAILABLE", new LifecycleChanged(ReplicaLifecycle.AVAILABLE),
                        "AVAILABLE -> AVAILABLE"),
                Arguments.of("AVAILABLE -> INITIALIZING", new LifecycleChanged(ReplicaLifecycle.INITIALIZING),
                        "AVAILABLE -> INITIALIZING"),
                Arguments.of("bootstrap progress when AVAILABLE", new BootstrapProgressed(1, 2),
                        "while AVAILABLE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsThatBreakInvariants")
    void eventsThatDoNotFitTheStateAreBugs(String name, ManifestEvent event, String messagePart) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> base().apply(event));
        assertTrue(e.getMessage().startsWith("BUG: "), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void leavingIsFinal() {
        ReplicaManifest leaving = base().apply(new LifecycleChanged(ReplicaLifecycle.LEAVING));
        for (ReplicaLifecycle s : ReplicaLifecycle.values()) {
            assertThrows(IllegalStateException.class, () -> leaving.apply(new LifecycleChanged(s)));
        }
        assertEquals(ReplicaLifecycle.LEAVING,
                ReplicaManifest.EMPTY.apply(new LifecycleChanged(ReplicaLifecycle.LEAVING)).lifecycle());
    }

    static Stream<Arguments> malformedValues() {
        return Stream.of(
                Arguments.of("empty file name", (Supplier<Object>) () -> part("", 1)),
                Arguments.of("slash in file name", (Supplier<Object>) () -> part("a/b", 1)),
                Arguments.of("dot-dot file name", (Supplier<Object>) () -> part("..", 1)),
                Arguments.of("min > max", (Supplier<Object>) () -> new PartRef("a", 1, 5, 4, 0, 0)),
                Arguments.of("negative rows", (Supplier<Object>) () -> new PartRef("a", 1, 0, 0, -1, 0)),
                Arguments.of("negative size", (Supplier<Object>) () -> new PartRef("a", 1, 0, 0, 0, -1)),
                Arguments.of("empty merge", (Supplier<Object>) () -> new PartsMerged(List.of(), part("o", 1))),
                Arguments.of("output is an input",
                        (Supplier<Object>) () -> new PartsMerged(List.of("o"), part("o", 1))),
                Arguments.of("duplicate drop", (Supplier<Object>) () -> new PartsDropped(List.of("a", "a"), "r")),
                Arguments.of("negative WAL", (Supplier<Object>) () -> new WalCheckpointed(-1)),
                Arguments.of("copied > total", (Supplier<Object>) () -> new BootstrapProgressed(3, 2)),
                Arguments.of("duplicate snapshot parts", (Supplier<Object>) () -> ReplicaManifest.of(
                        List.of(part("a", 1), part("a", 2)), 0, ReplicaLifecycle.AVAILABLE, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedValues")
    void malformedValuesAreRejected(String name, Supplier<Object> construct) {
        assertThrows(IllegalArgumentException.class, construct::get);
    }

    @Test
    void manifestBuiltFromPartsEqualsTheFoldedOne() {
        ReplicaManifest folded = base();
        ReplicaManifest built = ReplicaManifest.of(folded.partsByFileName().values(), 100,
                ReplicaLifecycle.AVAILABLE, 0, 0);
        assertEquals(folded, built);
        assertEquals(folded.hashCode(), built.hashCode());
    }
}
