package io.cairn.http.routes;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.decodeRequest;
import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import io.cairn.http.api.ApiResponse;
import io.cairn.http.api.ExportApi;
import io.cairn.http.api.IngestApi;
import io.cairn.http.api.IngestFormat;
import io.cairn.http.api.IngestParams;
import io.cairn.http.format.PromJson;
import io.cairn.http.api.SeriesApi;
import io.cairn.http.ingest.ExtraLabels;
import io.cairn.http.metrics.CairnMetrics;
import io.cairn.storage.model.Tenant;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;

/**
 * The HTTP surface (DESIGN.md §7): VictoriaMetrics-compatible single-node paths for tenant 0:0
 * and the cluster paths {@code /insert/<tenant>/prometheus/...} and
 * {@code /select/<tenant>/prometheus/...}. The routes only translate HTTP; the work is in the
 * transport-neutral API classes.
 */
public final class CairnRoutes {
    private static final long BODY_TIMEOUT_MS = 60_000;

    private final IngestApi ingest;
    private final SeriesApi series;
    private final ExportApi export;
    private final QueryRoutes queries;
    private final CairnMetrics metrics;
    private final long maxBodyBytes;

    public CairnRoutes(IngestApi ingest, SeriesApi series, ExportApi export, QueryRoutes queries,
            CairnMetrics metrics, long maxBodyBytes) {
        this.ingest = ingest;
        this.series = series;
        this.export = export;
        this.queries = queries;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Route route() {
        return concat(
                HealthRoutes.route(),
                path("metrics", () -> get(() -> respond(new ApiResponse(200, ApiResponse.TEXT,
                        metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8))))),
                pathPrefix("insert", () -> pathPrefix(PathMatchers.segment(), t -> tenant(t,
                        tenant -> concat(pathPrefix("prometheus", () -> insert(tenant)),
                                influx(tenant))))),
                pathPrefix("select", () -> pathPrefix(PathMatchers.segment(), t -> tenant(t,
                        tenant -> pathPrefix("prometheus", () -> select(tenant))))),
                insert(Tenant.DEFAULT),
                influx(Tenant.DEFAULT),
                select(Tenant.DEFAULT));
    }

    private static Route tenant(String text, Function<Tenant, Route> inner) {
        Tenant t;
        try {
            t = Tenant.parse(text);
        } catch (IllegalArgumentException e) {
            return respond(ApiResponse.badData(e.getMessage()));
        }
        return inner.apply(t);
    }

    private Route insert(Tenant tenant) {
        return pathPrefix("api", () -> pathPrefix("v1", () -> concat(
                path("write", () -> post(() -> body(false, b -> Params.query(p ->
                        ingested(IngestFormat.REMOTE_WRITE, tenant, b, p))))),
                pathPrefix("import", () -> concat(
                        pathEnd(() -> post(() -> body(true, b -> Params.query(p ->
                                ingested(IngestFormat.JSON_LINES, tenant, b, p))))),
                        path("prometheus", () -> post(() -> body(true, b -> Params.query(p ->
                                ingested(IngestFormat.PROMETHEUS_TEXT, tenant, b, p))))))))));
    }

    private Route influx(Tenant tenant) {
        Route write = post(() -> body(true, b -> Params.query(p ->
                ingested(IngestFormat.INFLUX, tenant, b, p))));
        return concat(
                pathPrefix("influx", () -> path("write", () -> write)),
                path("write", () -> write));
    }

    private Route ingested(IngestFormat format, Tenant tenant, byte[] body, Params p) {
        IngestParams params;
        try {
            params = new IngestParams(ExtraLabels.parse(p.list("extra_label")), p.get("db"),
                    p.get("precision"));
        } catch (IllegalArgumentException e) {
            return respond(ApiResponse.badData(e.getMessage()));
        }
        return respond(ingest.ingest(format, tenant, body, params));
    }

    private Route select(Tenant tenant) {
        return concat(pathPrefix("api", () -> pathPrefix("v1", () -> concat(
                queries.api(tenant),
                path("export", () -> Params.all(p -> respond(export.export(tenant,
                        p.list("match[]"), p.get("start"), p.get("end"))))),
                path("series", () -> Params.all(p -> respond(series.series(tenant,
                        p.list("match[]"), p.get("start"), p.get("end"), p.get("limit"),
                        p.get("deny_partial_response"))))),
                path("labels", () -> Params.all(p -> respond(series.labelNames(tenant,
                        p.list("match[]"), p.get("start"), p.get("end"), p.get("limit"),
                        p.get("deny_partial_response"))))),
                pathPrefix("label", () -> pathPrefix(PathMatchers.segment(), name ->
                        path("values", () -> Params.all(p -> respond(series.labelValues(tenant,
                                name, p.list("match[]"), p.get("start"), p.get("end"),
                                p.get("limit"), p.get("deny_partial_response")))))))))),
                queries.federate(tenant));
    }

    /**
     * The request body as bytes, at most -maxInsertRequestSize (413 beyond); gzip and deflate
     * are decoded first where {@code decode} is set (remote write carries its own snappy).
     */
    private Route body(boolean decode, Function<byte[], Route> inner) {
        Route read = extractMaterializer(mat -> extractRequestEntity(entity -> onComplete(
                entity.withSizeLimit(maxBodyBytes).toStrict(BODY_TIMEOUT_MS, mat), strict -> {
                    if (strict.isSuccess()) {
                        return inner.apply(strict.get().getData().toArray());
                    }
                    Throwable err = strict.failed().get();
                    while (err.getCause() != null && !(err instanceof EntityStreamSizeException)) {
                        err = err.getCause();
                    }
                    if (err instanceof EntityStreamSizeException) {
                        return respond(ApiResponse.error(413, PromJson.BAD_DATA, "request body is larger "
                                + "than -maxInsertRequestSize=" + maxBodyBytes + " bytes"));
                    }
                    return respond(ApiResponse.badData("cannot read request body: "
                            + err.getMessage()));
                })));
        return decode ? decodeRequest(() -> read) : read;
    }

    /**
     * Completes with the answer once it is there. The response is built on the thread that
     * completes the answer: the javadsl {@code onSuccess} would first pass the answer through
     * Scala's global execution context, one more thread hand-off per request (about 0.05 ms
     * for a small query repeated back to back on two cores).
     */
    static Route respond(CompletionStage<ApiResponse> response) {
        return completeWithFuture(response.thenApply(CairnRoutes::httpResponse));
    }

    static Route respond(ApiResponse r) {
        return complete(httpResponse(r));
    }

    static HttpResponse httpResponse(ApiResponse r) {
        ContentType type = r.contentType().startsWith("text/plain")
                ? ContentTypes.TEXT_PLAIN_UTF8 : ContentTypes.APPLICATION_JSON;
        HttpResponse resp = HttpResponse.create().withStatus(r.status());
        return r.status() == 204 ? resp : resp.withEntity(type, r.body());
    }
}
