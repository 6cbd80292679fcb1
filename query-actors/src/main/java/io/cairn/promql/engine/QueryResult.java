package io.cairn.promql.engine;

import java.util.List;

/**
 * What a query returns: its value plus the annotations Prometheus reports next to it.
 * Warnings and infos are the bare texts ("PromQL warning: ..." prefixes and positions included,
 * as the Prometheus HTTP API prints them).
 */
public record QueryResult(QueryValue value, List<String> warnings, List<String> infos) {
    public QueryResult {
        warnings = List.copyOf(warnings);
        infos = List.copyOf(infos);
    }
}
