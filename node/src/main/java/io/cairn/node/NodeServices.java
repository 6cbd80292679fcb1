package io.cairn.node;

import io.cairn.http.api.BodyParser;
import io.cairn.http.api.ExportApi;
import io.cairn.http.api.FederateApi;
import io.cairn.http.api.IngestApi;
import io.cairn.http.api.IngestFormat;
import io.cairn.http.api.MetadataApi;
import io.cairn.http.api.QueryApi;
import io.cairn.http.api.SeriesApi;
import io.cairn.http.api.StatusApi;
import io.cairn.http.api.TsdbStatusApi;
import io.cairn.http.ingest.InfluxLineParser;
import io.cairn.http.ingest.InfluxPrecision;
import io.cairn.http.ingest.IngestLimits;
import io.cairn.http.ingest.JsonLinesParser;
import io.cairn.http.ingest.PromTextParser;
import io.cairn.http.ingest.LabelsCache;
import io.cairn.http.ingest.MetricMetadataStore;
import io.cairn.http.ingest.RemoteWriteDecoder;
import io.cairn.http.metrics.CairnMetrics;
import io.cairn.http.routes.CairnRoutes;
import io.cairn.http.routes.QueryRoutes;
import io.cairn.node.config.NodeSettings;
import io.cairn.promql.engine.EngineOptions;
import io.cairn.query.ClusterSeriesSource;
import io.cairn.query.ShardReads;
import io.cairn.shard.ingest.IngestRouter;
import io.cairn.shard.placement.Placement;
import io.cairn.shard.placement.StaticPlacement;
import io.cairn.shard.replica.ReplicaEnvironment;
import io.cairn.shard.replica.ReplicaSharding;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.engine.StoreOptions;
import io.cairn.storage.memory.NativeMemory;
import io.cairn.storage.wal.FsyncMode;
import io.cairn.storage.wal.GroupCommitter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Everything a node runs besides the actor system itself: the WAL group committer, the replica
 * entities, the ingest and read paths and the HTTP routes over them. Built once by the
 * {@link NodeGuardian}; closed by coordinated shutdown after the entities have stopped.
 */
final class NodeServices {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private final Route routes;

    NodeServices(ActorSystem<?> system, NodeSettings s) {
        var config = system.settings().config();
        GroupCommitter committer = new GroupCommitter(FsyncMode.parse(s.fsync()));
        CoordinatedShutdown.get(system).addTask(
                CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-wal-committer",
                () -> {
                    committer.close();
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        StoreOptions storeOptions = new StoreOptions(s.retention().toMillis(),
                s.dedupInterval().toMillis(), config.getInt("cairn.storage.head-flush-rows"));
        ReplicaEnvironment env = new ReplicaEnvironment(s.dataPath().resolve("replicas"),
                storeOptions, committer,
                config.getDuration("cairn.storage.head-flush-interval"),
                config.getDuration("cairn.storage.merge-check-interval"),
                config.getDuration("cairn.storage.retention-check-interval"),
                System::currentTimeMillis);
        Placement placement = new StaticPlacement(s.shards());
        ReplicaSharding.init(system, env);
        ReplicaSharding.wakeAll(system, placement);

        ClusterSharding sharding = ClusterSharding.get(system);
        CairnMetrics metrics = new CairnMetrics();
        metrics.gauge("cairn_offheap_bytes", "Off-heap memory held by the storage engine",
                NativeMemory::outstandingBytes);
        metrics.gauge("cairn_wal_fsyncs", "WAL fsync calls since start", committer::fsyncs);
        IngestRouter router = new IngestRouter(sharding, () -> placement, ASK_TIMEOUT);
        ShardReads reads = new ShardReads(sharding, () -> placement, ASK_TIMEOUT);
        Executor ingestExecutor = system.dispatchers()
                .lookup(DispatcherSelector.fromConfig("cairn.ingest-dispatcher"));
        MetricMetadataStore metadata = new MetricMetadataStore(10_000, 100_000);
        IngestApi ingest = new IngestApi(parsers(s), router, metadata, metrics, ingestExecutor,
                System::currentTimeMillis, s.shards());
        SeriesApi series = new SeriesApi(reads, s.maxSeries());
        ExportApi export = new ExportApi(reads, s.maxSeries());
        this.routes = new CairnRoutes(ingest, series, export, queryRoutes(system, s, reads,
                metadata), metrics, s.maxRequestSize()).route();
    }

    /** PromQL and the other Prometheus read endpoints; evaluation runs on the query dispatcher. */
    private static QueryRoutes queryRoutes(ActorSystem<?> system, NodeSettings s,
            ShardReads reads, MetricMetadataStore metadata) {
        EngineOptions options = EngineOptions.DEFAULTS
                .withMaxSeries(s.maxSeries())
                .withMaxSamplesPerQuery(s.maxSamplesPerQuery())
                .withMaxPointsPerTimeseries(s.maxPointsPerTimeseries())
                .withTimeout(s.maxQueryDuration());
        Executor queryExecutor = system.dispatchers()
                .lookup(DispatcherSelector.fromConfig("cairn.query-dispatcher"));
        SeriesSource source = new ClusterSeriesSource(reads, s.maxQueryDuration());
        return new QueryRoutes(
                new QueryApi(source, options, queryExecutor, System::currentTimeMillis),
                new MetadataApi(metadata),
                new StatusApi(StatusApi.runningVersion()),
                new TsdbStatusApi(reads::gather, System::currentTimeMillis),
                new FederateApi(source, options.lookbackDeltaMs(), s.maxSeries(), queryExecutor,
                        System::currentTimeMillis));
    }

    Route routes() {
        return routes;
    }

    private static Map<IngestFormat, BodyParser> parsers(NodeSettings s) {
        IngestLimits limits = new IngestLimits(s.maxLabelsPerTimeseries(), s.maxLabelNameLen(),
                s.maxLabelValueLen());
        int maxBody = (int) Math.min(Integer.MAX_VALUE, s.maxRequestSize());
        // Parsers keep reusable buffers, so one per ingest thread; a labels cache per format.
        LabelsCache remoteWriteCache = new LabelsCache(1 << 20);
        LabelsCache textCache = new LabelsCache(1 << 18);
        ThreadLocal<RemoteWriteDecoder> remoteWrite = ThreadLocal.withInitial(
                () -> new RemoteWriteDecoder(limits, remoteWriteCache, maxBody));
        ThreadLocal<PromTextParser> text =
                ThreadLocal.withInitial(() -> new PromTextParser(limits, textCache));
        ThreadLocal<JsonLinesParser> json = ThreadLocal.withInitial(() -> new JsonLinesParser(limits));
        ThreadLocal<InfluxLineParser> influx =
                ThreadLocal.withInitial(() -> new InfluxLineParser(limits));
        Map<IngestFormat, BodyParser> m = new EnumMap<>(IngestFormat.class);
        m.put(IngestFormat.REMOTE_WRITE, (body, p, now, sink, md, report) -> remoteWrite.get()
                .decodeSnappy(body, 0, body.length, p.extra(), now, sink, md, report));
        m.put(IngestFormat.PROMETHEUS_TEXT, (body, p, now, sink, md, report) -> text.get()
                .parse(body, 0, body.length, p.extra(), now, sink, md, report));
        m.put(IngestFormat.JSON_LINES, (body, p, now, sink, md, report) -> json.get()
                .parse(body, 0, body.length, p.extra(), now, sink, report));
        m.put(IngestFormat.INFLUX, (body, p, now, sink, md, report) -> influx.get()
                .parse(body, 0, body.length, p.influxDb(), InfluxPrecision.parse(
                        p.influxPrecision()), p.extra(), now, sink, report));
        return m;
    }
}
