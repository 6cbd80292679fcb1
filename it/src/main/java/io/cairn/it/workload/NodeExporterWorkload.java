package io.cairn.it.workload;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic node_exporter-like workload: {@code hosts} hosts with the series of
 * {@link NodeExporterTemplate} each, scraped every {@code intervalMs}. Series {@code i} belongs to
 * host {@code i / seriesPerHost()}; labels are {@code __name__}, {@code instance}
 * ("host-000042:9100"), {@code job} ("node") and the template's own, sorted by name.
 *
 * <p>Every value and timestamp is a pure function of (seed, host, series, scrape round): two
 * runs with the same parameters send identical data, and a {@link Scraper} over a subset of the
 * hosts reproduces exactly what a full run sent for them, which is how verification checks a
 * sample of what a server stored. Each host scrapes at its own offset within the interval plus
 * a few milliseconds of jitter, as real scrapes do. Immutable and thread safe; scrapers are not.
 */
public final class NodeExporterWorkload {
    /** Spread of scrape times around the nominal time, in ms (real scrapes are not exact). */
    static final int JITTER_MS = 5;

    private final int hosts;
    private final long seed;
    private final long startMs;
    private final long intervalMs;
    private final List<SeriesTemplate> template;
    private final String[][] templateLabels;

    /**
     * @param hosts      number of simulated hosts, >= 1
     * @param seed       varies all values
     * @param startMs    nominal time of scrape round 0 (ms since the epoch)
     * @param intervalMs scrape interval in ms (Prometheus default: 15000)
     */
    public NodeExporterWorkload(int hosts, long seed, long startMs, long intervalMs) {
        if (hosts < 1 || intervalMs < 1000) {
            throw new IllegalArgumentException("need hosts >= 1 and intervalMs >= 1000, got " + hosts + " and " + intervalMs);
        }
        this.hosts = hosts;
        this.seed = seed;
        this.startMs = startMs;
        this.intervalMs = intervalMs;
        this.template = NodeExporterTemplate.create();
        if ((long) hosts * template.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many hosts: " + hosts);
        }
        this.templateLabels = new String[template.size()][];
        for (int i = 0; i < template.size(); i++) {
            templateLabels[i] = sortedLabels(template.get(i));
        }
    }

    /** The smallest number of hosts that gives at least {@code activeSeries} series. */
    public static int hostsFor(long activeSeries) {
        int perHost = NodeExporterTemplate.create().size();
        return (int) Math.max(1, (activeSeries + perHost - 1) / perHost);
    }

    public int hosts() {
        return hosts;
    }

    public int seriesPerHost() {
        return template.size();
    }

    /** Active series: every series gets a sample in every round. */
    public int seriesCount() {
        return hosts * template.size();
    }

    public long startMs() {
        return startMs;
    }

    public long intervalMs() {
        return intervalMs;
    }

    public long seed() {
        return seed;
    }

    /** Host of a series. */
    public int hostOf(int seriesIndex) {
        return seriesIndex / template.size();
    }

    /** The instance label value of a host. */
    public static String instance(int host) {
        return String.format(Locale.ROOT, "host-%06d:9100", host);
    }

    /** Labels of series {@code seriesIndex} as alternating names and values, sorted by name. */
    public String[] labels(int seriesIndex) {
        String[] labels = templateLabels[seriesIndex % template.size()].clone();
        String instance = instance(hostOf(seriesIndex));
        for (int i = 0; i < labels.length; i += 2) {
            if (labels[i].equals("instance")) {
                labels[i + 1] = instance;
            }
        }
        return labels;
    }

    /** Scrape time of a host in a round, in ms: nominal time + the host's offset + jitter. */
    public long timestamp(int host, int round) {
        long offset = Mix.uniform(Mix.hash(seed, host, -1, -1, 1), 0, intervalMs - JITTER_MS - 1);
        long jitter = Mix.uniform(Mix.hash(seed, host, -1, round, 2), 0, JITTER_MS - 1);
        return startMs + round * intervalMs + offset + jitter;
    }

    /** A scraper of all hosts. */
    public Scraper scraper() {
        return new Scraper(0, hosts);
    }

    /** A scraper of hosts [firstHost, firstHost + hostCount). */
    public Scraper scraper(int firstHost, int hostCount) {
        if (firstHost < 0 || hostCount < 1 || firstHost + hostCount > hosts) {
            throw new IllegalArgumentException("hosts [" + firstHost + ", " + (firstHost + hostCount) + ") outside [0, " + hosts + ")");
        }
        return new Scraper(firstHost, hostCount);
    }

    private static String[] sortedLabels(SeriesTemplate t) {
        int pairs = t.labels().length / 2 + 3;
        String[][] byName = new String[pairs][];
        byName[0] = new String[] {"__name__", t.name()};
        byName[1] = new String[] {"instance", ""};
        byName[2] = new String[] {"job", "node"};
        for (int i = 0; i < t.labels().length; i += 2) {
            byName[3 + i / 2] = new String[] {t.labels()[i], t.labels()[i + 1]};
        }
        Arrays.sort(byName, (a, b) -> a[0].compareTo(b[0]));
        String[] out = new String[pairs * 2];
        for (int i = 0; i < pairs; i++) {
            out[2 * i] = byName[i][0];
            out[2 * i + 1] = byName[i][1];
        }
        return out;
    }

    /**
     * Produces the samples of consecutive scrape rounds for a range of hosts. Keeps one long of
     * state per series; a scrape allocates nothing. Rounds must be scraped in order from 0.
     * Not thread safe.
     */
    public final class Scraper {
        private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};

        private final int firstHost;
        private final int hostCount;
        private final long[] state;
        private int nextRound;

        private Scraper(int firstHost, int hostCount) {
            this.firstHost = firstHost;
            this.hostCount = hostCount;
            this.state = new long[hostCount * template.size()];
        }

        /** The round the next {@link #scrape} call produces. */
        public int nextRound() {
            return nextRound;
        }

        /** Emits one sample for every series of the scraper's hosts, in series order. */
        public void scrape(int round, SampleSink sink) {
            if (round != nextRound) {
                throw new IllegalArgumentException("expected round " + nextRound + ", got " + round);
            }
            int perHost = template.size();
            for (int h = 0; h < hostCount; h++) {
                int host = firstHost + h;
                long ts = timestamp(host, round);
                for (int s = 0; s < perHost; s++) {
                    int local = h * perHost + s;
                    SeriesTemplate t = template.get(s);
                    long value = advance(t, host, s, round, ts, local);
                    state[local] = value;
                    double v = t.decimals() == 0 ? (double) (value * t.quantum())
                            : (double) (value * t.quantum()) / POW10[t.decimals()];
                    sink.accept(host * perHost + s, ts, v);
                }
            }
            nextRound++;
        }

        private long advance(SeriesTemplate t, int host, int s, int round, long ts, int local) {
            long h = Mix.hash(seed, host, s, round, 0);
            if (round == 0 && t.kind() != SeriesKind.TIMESTAMP && t.kind() != SeriesKind.RANDOM) {
                return Mix.uniform(Mix.hash(seed, host, s, -1, 0), t.initMin(), t.initMax());
            }
            long prev = state[local];
            return switch (t.kind()) {
                case CONSTANT -> prev;
                case COUNTER -> prev + Mix.uniform(h, t.stepMin(), t.stepMax());
                case GAUGE -> Math.max(t.lo(), Math.min(t.hi(), prev + Mix.uniform(h, t.stepMin(), t.stepMax())));
                case RANDOM -> Mix.uniform(h, t.lo(), t.hi());
                case TIMESTAMP -> ts;
                case HISTOGRAM_BUCKET -> prev + observations(host, t.group(), round, 0, t.bucket(), false);
                case HISTOGRAM_COUNT -> prev + observations(host, t.group(), round, 0, NodeExporterTemplate.BUCKET_LE.length - 1, false);
                case HISTOGRAM_SUM -> prev + observations(host, t.group(), round, 0, NodeExporterTemplate.BUCKET_LE.length - 1, true);
            };
        }

        /** Observations of histogram {@code group} in buckets [from, to] this round (or their duration in ms). */
        private long observations(int host, int group, int round, int from, int to, boolean durationMs) {
            long total = 0;
            for (int b = from; b <= to; b++) {
                long n = Mix.uniform(Mix.hash(seed, host, 10_000 + group, round, 3 + b), 0,
                        NodeExporterTemplate.BUCKET_WEIGHT[b] * (group + 1));
                total += durationMs ? n * NodeExporterTemplate.BUCKET_MID_MS[b] : n;
            }
            return total;
        }
    }
}
