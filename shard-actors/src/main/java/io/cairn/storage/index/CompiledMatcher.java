package io.cairn.storage.index;

import io.cairn.storage.model.LabelMatcher;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntHashSet;

/**
 * A {@link LabelMatcher} bound to the string dictionary of one index for one query: it tests
 * interned value ids instead of strings, uses {@link RegexShape} shortcuts where it can and
 * remembers RE2J's verdict per value id otherwise, so each distinct value is matched at most
 * once per query. Value id -1 stands for an absent label, i.e. the value "".
 *
 * <p>Confined to the query's thread; read under the index read lock.
 */
final class CompiledMatcher {
    final LabelMatcher matcher;
    /** The name's string id, or -1 when no series ever had it (then every value is ""). */
    final int nameId;
    /** Whether series lacking the label match; such matchers cannot seed a selection. */
    final boolean matchesEmpty;
    private final StringDictionary strings;
    private final boolean negated;
    private final RegexShape shape;
    /** EQ / NEQ: the value's id, or -1 when no series has ever had it. */
    private final int equalId;
    /** RE / NRE with literal alternatives: ids of the literals that exist. */
    private final IntHashSet literalIds;
    private Int2IntHashMap memo;

    CompiledMatcher(LabelMatcher m, StringDictionary strings) {
        this.matcher = m;
        this.strings = strings;
        this.nameId = strings.find(m.name());
        this.matchesEmpty = m.matchesEmpty();
        LabelMatcher.Type t = m.type();
        this.negated = t == LabelMatcher.Type.NEQ || t == LabelMatcher.Type.NRE;
        if (t == LabelMatcher.Type.EQ || t == LabelMatcher.Type.NEQ) {
            this.shape = null;
            this.equalId = m.value().isEmpty() ? -2 : strings.find(m.value());
            this.literalIds = null;
        } else {
            this.shape = RegexShape.of(m.value());
            this.equalId = -2;
            if (shape.kind() == RegexShape.Kind.LITERALS) {
                literalIds = new IntHashSet(shape.literals().size() * 2);
                for (String lit : shape.literals()) {
                    int id = lit.isEmpty() ? -1 : strings.find(lit);
                    if (id >= 0) {
                        literalIds.add(id);
                    }
                }
            } else {
                literalIds = null;
            }
        }
    }

    /** Whether a series whose label has value id {@code valueId} (-1: absent) matches. */
    boolean test(int valueId) {
        if (valueId < 0) {
            return matchesEmpty;
        }
        return negated != positiveTest(valueId);
    }

    /** The un-negated test (=, =~) for a present value. */
    private boolean positiveTest(int valueId) {
        if (shape == null) {
            return valueId == equalId;
        }
        switch (shape.kind()) {
            case ANY:
            case NON_EMPTY:
                return true;
            case LITERALS:
                return literalIds.contains(valueId);
            case PREFIX:
            case PREFIX_NON_EMPTY_REST:
                return shape.accepts(strings.get(valueId));
            default:
                if (memo == null) {
                    memo = new Int2IntHashMap(64, 0.65f, -1, false);
                }
                int known = memo.get(valueId);
                if (known < 0) {
                    // RE2J: linear time, so even a hostile pattern cannot hang the query.
                    String v = strings.get(valueId);
                    known = matcher.matches(v) != negated ? 1 : 0;
                    memo.put(valueId, known);
                }
                return known == 1;
        }
    }

    /**
     * For a matcher that does not match "", the value ids that match, when they can be listed
     * without looking at every value of the label (=, literal alternations); else null.
     */
    int[] directValueIds() {
        if (matchesEmpty || negated) {
            return null;
        }
        if (shape == null) {
            return equalId >= 0 ? new int[] {equalId} : new int[0];
        }
        if (shape.kind() == RegexShape.Kind.LITERALS) {
            int[] out = new int[literalIds.size()];
            int i = 0;
            for (IntHashSet.IntIterator it = literalIds.iterator(); it.hasNext(); ) {
                out[i++] = it.nextValue();
            }
            return out;
        }
        return null;
    }

    /** True for {@code =~".*"} and the like, which every series satisfies. */
    boolean matchesEverything() {
        return !negated && shape != null && shape.kind() == RegexShape.Kind.ANY;
    }
}
