package io.cairn.http.routes;

import static org.apache.pekko.http.javadsl.server.Directives.formFieldMultiMap;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMultiMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Request parameters as the Prometheus API takes them: from the URL query and, for POST with
 * {@code application/x-www-form-urlencoded}, from the form body; repeated names kept in order.
 */
final class Params {
    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    static Route all(Function<Params, Route> inner) {
        return parameterMultiMap(query -> formFieldMultiMap(form -> {
            Map<String, List<String>> merged = new HashMap<>();
            query.forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            form.forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            return inner.apply(new Params(merged));
        }));
    }

    /** Only the URL query: for endpoints whose body is data, not a form. */
    static Route query(Function<Params, Route> inner) {
        return parameterMultiMap(query -> inner.apply(new Params(query)));
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    List<String> list(String name) {
        return values.getOrDefault(name, List.of());
    }
}
