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
import io.cairn.http.ingest.SeriesRecordCache;
import io.cairn.http.ingest.MetricMetadataStore;
import io.cairn.http.ingest.RemoteWriteDecoder;
import io.cairn.http.metrics.CairnMetrics;
import io.cairn.http.routes.AdminRoutes;
import io.cairn.http.routes.CairnRoutes;
import io.cairn.http.routes.QueryRoutes;
import io.cairn.node.config.NodeSettings;
import io.cairn.promql.engine.EngineOptions;
import io.cairn.query.ClusterGateways;
import io.cairn.promql.eval.ShardRollups;
import io.cairn.query.ClusterSeriesSource;
import io.cairn.query.LocalReads;
import io.cairn.query.ReadGateways;
import io.cairn.query.ShardReads;
import io.cairn.shard.handoff.Handoff;
import io.cairn.shard.handoff.HandoffActor;
import io.cairn.shard.handoff.HandoffSettings;
import io.cairn.shard.handoff.HandoffStats;
import io.cairn.shard.bootstrap.BootstrapStats;
import io.cairn.shard.cluster.NodeLeave;
import io.cairn.shard.ingest.InFlightWrites;
import io.cairn.shard.ingest.IngestRouter;
import io.cairn.shard.cluster.PlacementCluster;
import io.cairn.shard.cluster.PlacementSettings;
import io.cairn.shard.placement.Placement;
import io.cairn.shard.replica.NodeReads;
import io.cairn.shard.replica.ReadGateway;
import io.cairn.shard.replica.ReplicaAdmin;
import io.cairn.shard.replica.ReplicaClient;
import io.cairn.shard.replica.ReplicaEnvironment;
import io.cairn.storage.api.SeriesSource;
import io.cairn.storage.engine.StorageStats;
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
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
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

    NodeServices(ActorSystem<?> system, NodeSettings s, NodeId nodeId) {
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
        // One registry of the open replicas' readers: the node's reads use it to skip actors.
        NodeReads nodeReads = new NodeReads(new ShardRollups());
        ReplicaEnvironment env = new ReplicaEnvironment(s.dataPath().resolve("replicas"),
                storeOptions, committer,
                config.getDuration("cairn.storage.head-flush-interval"),
                config.getDuration("cairn.storage.merge-check-interval"),
                config.getDuration("cairn.storage.retention-check-interval"),
                System::currentTimeMillis, nodeReads);
        HandoffStats handoffStats = new HandoffStats();
        InFlightWrites inFlight = new InFlightWrites();
        NodeLeave leave = new NodeLeave();
        PlacementCluster.Handles cluster = PlacementCluster.start(system, nodeId.value(),
                new PlacementSettings(s.shards(), s.replicationFactor(), s.replicaReplaceDelay(),
                        s.initialNodes(), Duration.ofSeconds(5)),
                env, System::currentTimeMillis, inFlight,
                () -> handoffStats.queuedBytesByReplica().keySet(), leave);
        leaveOnRequest(system, s, leave);
        Placement placement = cluster.placement();

        ClusterSharding sharding = ClusterSharding.get(system);
        CairnMetrics metrics = new CairnMetrics();
        metrics.gauge("cairn_offheap_bytes", "Off-heap memory held by the storage engine",
                NativeMemory::outstandingBytes);
        metrics.gauge("cairn_wal_fsyncs", "WAL fsync calls since start", committer::fsyncs);
        metrics.gauge("cairn_storage_rows_accepted", "Rows stored since start",
                StorageStats.ROWS_ACCEPTED::sum);
        metrics.gauge("cairn_storage_rows_outside_retention", "Rows refused as older than "
                + "-retentionPeriod since start", StorageStats.ROWS_OUTSIDE_RETENTION::sum);
        metrics.gauge("cairn_storage_flushes", "Head flushes committed since start",
                StorageStats.FLUSHES::sum);
        metrics.gauge("cairn_storage_merges", "Part merges committed since start",
                StorageStats.MERGES::sum);
        metrics.gauge("cairn_storage_corrupt_parts", "Parts found damaged and taken out of "
                + "service since start", StorageStats.CORRUPT_PARTS::sum);
        metrics.gauge("cairn_storage_parts", "Parts currently served", StorageStats.LIVE_PARTS::sum);
        ReplicaClient replicas = ReplicaClient.sharding(sharding);
        bootstrapMetrics(metrics);
        Handoff handoff = handoff(system, s, committer, replicas, handoffStats, metrics);
        IngestRouter router = new IngestRouter(replicas, () -> placement,
                config.getDuration("cairn.handoff.replica-timeout"), s.writeMinReplicas(),
                handoff, inFlight);
        // A replica gets a third of the read budget before the next one is asked; one with rows
        // waiting in this node's handoff is read together with the next one.
        // Reads go out as one message per node, to that node's read gateway; the replicas open
        // on this node are read directly, here and in the gateway serving other nodes.
        ActorRef<ReadGateway.Command> gateway = system.systemActorOf(
                ReadGateway.create(replicas, nodeReads), ReadGateway.NAME, Props.empty());
        ReadGateways gateways = ReadGateways.actors(
                new ClusterGateways(system, nodeId.value(), gateway), system.scheduler());
        ShardReads reads = new ShardReads(gateways,
                LocalReads.of(system, nodeReads, nodeId.value()), () -> placement, ASK_TIMEOUT,
                ASK_TIMEOUT.dividedBy(3), id -> handoffStats.hasPending(id.entityId()));
        Executor ingestExecutor = system.dispatchers()
                .lookup(DispatcherSelector.fromConfig("cairn.ingest-dispatcher"));
        MetricMetadataStore metadata = new MetricMetadataStore(10_000, 100_000);
        IngestApi ingest = new IngestApi(parsers(s), router, metadata, metrics, ingestExecutor,
                System::currentTimeMillis, s.shards());
        SeriesApi series = new SeriesApi(reads, s.maxSeries(), s.denyPartialResponse());
        ExportApi export = new ExportApi(reads, s.maxSeries());
        Route api = new CairnRoutes(ingest, series, export, queryRoutes(system, s, reads,
                metadata), metrics, s.maxRequestSize()).route();
        ReplicaAdmin admin = new ReplicaAdmin(sharding, () -> placement, Duration.ofMinutes(30));
        Route clusterRoutes = new ClusterRoutes(
                org.apache.pekko.cluster.typed.Cluster.get(system), cluster.placement(),
                s.replicationFactor(), leave).route();
        this.routes = org.apache.pekko.http.javadsl.server.Directives.concat(clusterRoutes,
                new AdminRoutes(admin).route(), api);
    }

    /** Why a node stops after its decommission completed. */
    private static final class Decommissioned implements CoordinatedShutdown.Reason {
        @Override
        public String toString() {
            return "decommissioned";
        }
    }

    /**
     * Graceful decommission: once {@code POST /admin/decommission} (or SIGTERM with -leave)
     * asked for it and every replica has moved off this node, the node shuts down (leaves the
     * cluster, exits). With -leave, shutdown waits for the moves in its first phase, so the node
     * keeps serving (and being copied from) until they are done.
     */
    private static void leaveOnRequest(ActorSystem<?> system, NodeSettings s, NodeLeave leave) {
        var log = org.slf4j.LoggerFactory.getLogger(NodeServices.class);
        leave.done().thenRun(() -> {
            log.info("decommission complete: no replica is placed on this node; shutting down");
            CoordinatedShutdown.get(system).run(new Decommissioned());
        });
        if (s.leave()) {
            CoordinatedShutdown.get(system).addTask(
                    CoordinatedShutdown.PhaseBeforeServiceUnbind(), "decommission", () -> {
                        log.info("-leave: moving every replica off this node before it stops");
                        leave.request(System.currentTimeMillis());
                        return leave.done().thenApply(v -> Done.getInstance());
                    });
        }
    }

    /** Peer bootstrap progress ({@link BootstrapStats}) in /metrics. */
    private static void bootstrapMetrics(CairnMetrics metrics) {
        metrics.gauge("cairn_bootstrap_running", "Peer bootstraps running on this node now",
                BootstrapStats.RUNNING::sum);
        metrics.gauge("cairn_bootstrap_bytes_copied", "Part bytes copied into replicas of this "
                + "node by peer bootstraps since start", BootstrapStats.BYTES_COPIED::sum);
        metrics.gauge("cairn_bootstrap_bytes_served", "Part bytes this node sent to peer "
                + "bootstraps of other replicas since start", BootstrapStats.BYTES_SERVED::sum);
        metrics.gauge("cairn_bootstrap_parts_copied", "Parts copied, verified and adopted by "
                + "peer bootstraps since start", BootstrapStats.PARTS_COPIED::sum);
        metrics.gauge("cairn_bootstrap_parts_kept", "Parts an interrupted bootstrap found "
                + "already present since start", BootstrapStats.PARTS_KEPT::sum);
        metrics.gauge("cairn_bootstrap_chunk_retries", "Chunks fetched again after a checksum "
                + "mismatch or timeout since start", BootstrapStats.CHUNK_RETRIES::sum);
        metrics.gauge("cairn_bootstrap_failed_attempts", "Bootstrap attempts that failed since "
                + "start", BootstrapStats.FAILED_ATTEMPTS::sum);
        metrics.gauge("cairn_bootstrap_completed", "Bootstraps that made a replica AVAILABLE "
                + "since start", BootstrapStats.COMPLETED::sum);
    }

    /**
     * The node's hinted handoff (<data>/handoff), its actor on the blocking-IO dispatcher, and
     * its progress in /metrics.
     */
    private static Handoff handoff(ActorSystem<?> system, NodeSettings s, GroupCommitter committer,
            ReplicaClient replicas, HandoffStats stats, CairnMetrics metrics) {
        var actor = system.systemActorOf(HandoffActor.create(HandoffSettings.defaults(
                        s.dataPath(), s.handoffMaxBytesPerReplica()), committer, replicas, stats),
                "handoff", DispatcherSelector.fromConfig("cairn.storage-io-dispatcher"));
        metrics.gauge("cairn_handoff_queued_bytes", "Bytes waiting in this node's hinted "
                + "handoff, per target replica", "replica", stats::queuedBytesByReplica);
        metrics.gauge("cairn_handoff_replayed_rows", "Rows delivered from hinted handoff since "
                + "start", stats::replayedRows);
        metrics.gauge("cairn_handoff_replayed_blocks", "Row blocks delivered from hinted "
                + "handoff since start", stats::replayedBlocks);
        metrics.gauge("cairn_handoff_refused_blocks", "Row blocks hinted handoff refused (queue "
                + "full or failed) since start; their writes were answered 503",
                stats::refusedBlocks);
        return Handoff.of(actor, system.scheduler(), ASK_TIMEOUT);
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
        // Queries may answer partially (flagged); federation never does.
        ClusterSeriesSource source = new ClusterSeriesSource(reads, s.maxQueryDuration());
        return new QueryRoutes(
                new QueryApi(source, options, s.denyPartialResponse(), queryExecutor,
                        System::currentTimeMillis),
                new MetadataApi(metadata),
                new StatusApi(StatusApi.runningVersion()),
                new TsdbStatusApi(reads::gather, System::currentTimeMillis,
                        s.denyPartialResponse()),
                new FederateApi((SeriesSource) source, options.lookbackDeltaMs(), s.maxSeries(),
                        queryExecutor, System::currentTimeMillis));
    }

    Route routes() {
        return routes;
    }

    /**
     * Arena size of the remote-write series cache: a quarter of the heap, 64 MiB to 1 GiB. It
     * should hold every active series (about 300 bytes each for node_exporter-like labels, so
     * 256 MiB, the size with -Xmx1g, holds about 850k): a series that does not fit is decoded
     * again on every request that carries it.
     */
    static long seriesCacheBytes() {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return Math.max(64L << 20, Math.min(1L << 30, quarter));
    }

    private static Map<IngestFormat, BodyParser> parsers(NodeSettings s) {
        IngestLimits limits = new IngestLimits(s.maxLabelsPerTimeseries(), s.maxLabelNameLen(),
                s.maxLabelValueLen());
        int maxBody = (int) Math.min(Integer.MAX_VALUE, s.maxRequestSize());
        // Parsers keep reusable buffers, so one per ingest thread; a labels cache per format.
        SeriesRecordCache remoteWriteCache = new SeriesRecordCache(seriesCacheBytes());
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
