package io.cairn.promql.eval;

import io.cairn.promql.ast.PosRange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Warnings and infos collected while evaluating one query, rendered as the Prometheus HTTP API
 * prints them: {@code PromQL warning: <text> (<line>:<col>)}. Duplicates are collapsed, as in
 * Prometheus. Not thread-safe: one per query.
 */
public final class Annotations {
    private final String query;
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> infos = new LinkedHashSet<>();

    public Annotations(String query) {
        this.query = query;
    }

    public void warn(String text, PosRange pos) {
        warnings.add("PromQL warning: " + text + position(pos));
    }

    public void info(String text, PosRange pos) {
        infos.add("PromQL info: " + text + position(pos));
    }

    private String position(PosRange pos) {
        return pos == null ? "" : " (" + pos.startLineCol(query) + ")";
    }

    public List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    public List<String> infos() {
        return new ArrayList<>(infos);
    }
}
