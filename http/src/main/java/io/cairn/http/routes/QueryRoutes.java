package io.cairn.http.routes;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import io.cairn.http.api.ApiResponse;
import io.cairn.http.api.FederateApi;
import io.cairn.http.api.MetadataApi;
import io.cairn.http.api.QueryApi;
import io.cairn.http.api.QueryParams;
import io.cairn.http.api.StatusApi;
import io.cairn.http.api.TsdbStatusApi;
import io.cairn.storage.model.Tenant;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The Prometheus query surface of one tenant: {@code /api/v1/query}, {@code query_range},
 * {@code query_exemplars} (GET and POST, form parameters merged with the URL's),
 * {@code metadata}, {@code status/buildinfo|config|tsdb}, {@code rules}, {@code alerts} (GET),
 * and {@code /federate}. Mounted by {@link CairnRoutes} under the tenant-0:0 root and under
 * {@code /select/<tenant>/prometheus}.
 */
public final class QueryRoutes {
    private static final ContentType FEDERATE_TYPE = ContentTypes.parse(FederateApi.CONTENT_TYPE);

    private final QueryApi query;
    private final MetadataApi metadata;
    private final StatusApi status;
    private final TsdbStatusApi tsdb;
    private final FederateApi federate;

    public QueryRoutes(QueryApi query, MetadataApi metadata, StatusApi status, TsdbStatusApi tsdb,
            FederateApi federate) {
        this.query = query;
        this.metadata = metadata;
        this.status = status;
        this.tsdb = tsdb;
        this.federate = federate;
    }

    /** The routes below {@code .../api/v1/}. */
    Route api(Tenant tenant) {
        return concat(
                path("query", () -> getOrPost(() -> Params.all(p -> CairnRoutes.respond(
                        query.instant(tenant, params(p)))))),
                path("query_range", () -> getOrPost(() -> Params.all(p -> CairnRoutes.respond(
                        query.range(tenant, params(p)))))),
                path("query_exemplars", () -> getOrPost(() -> Params.all(p -> CairnRoutes.respond(
                        status.exemplars(p.get("query"), p.get("start"), p.get("end")))))),
                path("metadata", () -> get(() -> Params.all(p -> CairnRoutes.respond(
                        metadata.metadata(tenant, p.get("metric"), p.get("limit")))))),
                pathPrefix("status", () -> concat(
                        path("buildinfo", () -> get(() -> CairnRoutes.respond(status.buildInfo()))),
                        path("config", () -> get(() -> CairnRoutes.respond(status.config()))),
                        path("tsdb", () -> get(() -> Params.all(p -> CairnRoutes.respond(
                                tsdb.status(tenant, p.get("topN"), p.get("limit"), p.get("date"),
                                        p.list("match[]"), p.get("focusLabel"),
                                        p.get("deny_partial_response")))))))),
                path("rules", () -> get(() -> CairnRoutes.respond(status.rules()))),
                path("alerts", () -> get(() -> CairnRoutes.respond(status.alerts()))));
    }

    /** {@code /federate}, text exposition format. */
    Route federate(Tenant tenant) {
        return path("federate", () -> getOrPost(() -> Params.all(p -> completeWithFuture(
                federate.federate(tenant, p.list("match[]"))
                        .thenApply(QueryRoutes::federateResponse)))));
    }

    private static HttpResponse federateResponse(ApiResponse r) {
        if (r.status() != 200) {
            return CairnRoutes.httpResponse(r);
        }
        return HttpResponse.create().withStatus(200).withEntity(FEDERATE_TYPE, r.body());
    }

    private static QueryParams params(Params p) {
        return new QueryParams(p.get("query"), p.get("time"), p.get("start"), p.get("end"),
                p.get("step"), p.get("timeout"), p.get("lookback_delta"),
                p.get("deny_partial_response"));
    }

    private static Route getOrPost(Supplier<Route> inner) {
        return concat(get(inner), post(inner));
    }
}
