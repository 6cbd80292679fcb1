package io.cairn.promql.ast;

/**
 * The experimental extended range selector modifiers of Prometheus 3
 * ({@code promql-extended-range-selectors}): {@code foo[1m] anchored} and
 * {@code foo[1m] smoothed} / {@code foo smoothed}. The parser accepts them on any selector;
 * which functions may consume them is the evaluator's business.
 */
public enum SelectorMode {
    /** No modifier: ordinary Prometheus selection. */
    DEFAULT(""),
    ANCHORED("anchored"),
    SMOOTHED("smoothed");

    private final String keyword;

    SelectorMode(String keyword) {
        this.keyword = keyword;
    }

    /** The keyword as written in PromQL, "" for {@link #DEFAULT}. */
    public String keyword() {
        return keyword;
    }
}
