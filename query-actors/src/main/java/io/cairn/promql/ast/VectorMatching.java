package io.cairn.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * How the series of two instant vectors are paired by a binary operator.
 *
 * @param cardinality ONE_TO_ONE by default, MANY_TO_ONE for {@code group_left}, ONE_TO_MANY
 *     for {@code group_right}, MANY_TO_MANY for {@code and/or/unless}
 * @param matchingLabels the labels of {@code on(...)} or {@code ignoring(...)}
 * @param on true for {@code on(...)}; false for {@code ignoring(...)} or neither (an empty
 *     ignoring list matches on all labels but the metric name)
 * @param include extra labels copied from the "one" side ({@code group_left(a, b)})
 * @param fillLeft the value used for a missing left-hand sample
 *     ({@code fill(v)}/{@code fill_left(v)}, experimental), null when not filled
 * @param fillRight the same for the right-hand side ({@code fill(v)}/{@code fill_right(v)})
 */
public record VectorMatching(
        Cardinality cardinality,
        List<String> matchingLabels,
        boolean on,
        List<String> include,
        Double fillLeft,
        Double fillRight) {

    public enum Cardinality {
        ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY
    }

    /** Plain one-to-one matching on all labels. */
    public static final VectorMatching ONE_TO_ONE =
            new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of(), null, null);

    /** Default matching of a set operator. */
    public static final VectorMatching MANY_TO_MANY =
            new VectorMatching(Cardinality.MANY_TO_MANY, List.of(), false, List.of(), null, null);

    public VectorMatching {
        Objects.requireNonNull(cardinality, "cardinality");
        matchingLabels = List.copyOf(matchingLabels);
        include = List.copyOf(include);
    }

    public VectorMatching(Cardinality cardinality, List<String> matchingLabels, boolean on, List<String> include) {
        this(cardinality, matchingLabels, on, include, null, null);
    }

    /** Whether a fill modifier is present on either side. */
    public boolean hasFill() {
        return fillLeft != null || fillRight != null;
    }
}
