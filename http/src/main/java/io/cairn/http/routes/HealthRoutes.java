package io.cairn.http.routes;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import org.apache.pekko.http.javadsl.server.Route;

/** {@code /health}: 200 "OK" while the node serves requests, like VictoriaMetrics. */
public final class HealthRoutes {
    private HealthRoutes() {}

    public static Route route() {
        return path("health", () -> complete("OK"));
    }
}
