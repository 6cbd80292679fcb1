#!/usr/bin/env bash
# Cluster benchmark: ingest and query throughput of a 3-node R=2 Cairn cluster on this machine
# against one Cairn node, and the bytes the nodes send each other per ingested sample.
#
#   scripts/bench-cluster.sh                         # 50k series x 10 rounds, 20 s of queries
#   SERIES=100000 ROUNDS=10 scripts/bench-cluster.sh
# Settings (environment): SERIES, ROUNDS, CONCURRENCY, REQUEST_SAMPLES, SHARDS, QUERY_SECONDS,
#   QUERY_CONCURRENCY, NODE_HEAP, SKIP_BUILD=1, LAYOUTS ("single cluster").
#
# Method (docs/benchmarks.md, "Cluster"): every layout starts fresh on free 127.0.0.1 ports;
# the driver (it/target/cairn-bench.jar --target=url) sends remote-write to the first node only,
# which routes every sample to its R replicas. Bytes between nodes are the bytes_sent of every
# TCP socket on a cluster (Pekko Artery) port, read with `ss -ti` before and after the ingest:
# exact per connection, and immune to other traffic on the loopback interface.
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES="${SERIES:-50000}"
ROUNDS="${ROUNDS:-10}"
CONCURRENCY="${CONCURRENCY:-4}"
REQUEST_SAMPLES="${REQUEST_SAMPLES:-5000}"
SHARDS="${SHARDS:-16}"
QUERY_SECONDS="${QUERY_SECONDS:-20}"
QUERY_CONCURRENCY="${QUERY_CONCURRENCY:-4}"
NODE_HEAP="${NODE_HEAP:-1g}"
LAYOUTS="${LAYOUTS:-single cluster}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "bench-cluster: building node/target/cairn.jar and it/target/cairn-bench.jar"
  mvn -o -q -pl it -am -DskipTests package
fi

run="bench-out/cluster-$(date -u +%Y%m%dT%H%M%SZ)-${SERIES}x${ROUNDS}"
mkdir -p "$run"
start_ms=$(( $(date -u +%s) / 86400 * 86400 * 1000 ))
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Sum of bytes_sent over established TCP sockets whose local or peer port is one of "$@".
artery_bytes() {
  local filter=""
  for p in "$@"; do filter="$filter or sport = :$p or dport = :$p"; done
  { ss -tinH state established "( ${filter# or } )" 2>/dev/null || true; } \
    | { grep -o 'bytes_sent:[0-9]*' || true; } | cut -d: -f2 | awk '{s+=$1} END {print s+0}'
}

# Query load: QUERY_CONCURRENCY threads send a 1 h range query (60 s step) over the ingested
# series for QUERY_SECONDS against one URL; prints queries/s and the median latency.
cat > "$run/QueryLoad.java" <<'EOF'
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

public class QueryLoad {
    public static void main(String[] a) throws Exception {
        String base = a[0];
        long seconds = Long.parseLong(a[1]);
        int threads = Integer.parseInt(a[2]);
        long startS = Long.parseLong(a[3]) / 1000;
        String[] queries = {"sum(rate(node_cpu_seconds_total[5m])) by (mode)",
                "count(node_cpu_seconds_total)", "max(node_filesystem_free_bytes)"};
        HttpClient client = HttpClient.newHttpClient();
        AtomicLong failures = new AtomicLong();
        List<Long> lat = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                int i = id;
                while (System.nanoTime() < end) {
                    String q = queries[i++ % queries.length];
                    String url = base + "/api/v1/query_range?query="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&start=" + startS
                            + "&end=" + (startS + 3600) + "&step=60";
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url))
                                .build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) failures.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    lat.add(System.nanoTime() - t0);
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) th.join();
        List<Long> l = new ArrayList<>(lat);
        Collections.sort(l);
        System.out.printf("queries=%d failures=%d qps=%.1f median_ms=%.1f p90_ms=%.1f%n", l.size(),
                failures.get(), l.size() / (double) seconds, l.get(l.size() / 2) / 1e6,
                l.get(l.size() * 9 / 10) / 1e6);
    }
}
EOF

start_node() { # name http cluster mgmt seeds extra...
  local name=$1 http=$2 cport=$3 mport=$4 seeds=$5; shift 5
  mkdir -p "$run/$name"
  java -Xmx"$NODE_HEAP" -XX:+UseG1GC -XX:MaxDirectMemorySize=8g \
    --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
    -jar node/target/cairn.jar -httpListenAddr=127.0.0.1:$http -clusterListenAddr=127.0.0.1:$cport \
    -managementListenAddr=127.0.0.1:$mport -storageDataPath="$run/$name/data" -shards=$SHARDS \
    ${seeds:+-seedNodes=$seeds} "$@" > "$run/$name/$name.log" 2>&1 &
  pids+=($!)
}

wait_ready() { # http-port expected-nodes rf
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$1/api/v1/status/cluster" 2>/dev/null | python3 2>/dev/null -c '
import json,sys
d=json.load(sys.stdin)["data"]; n=int(sys.argv[1]); rf=int(sys.argv[2])
ok=d["ready"] and all(len([r for r in s["replicas"] if r["state"]=="AVAILABLE"])==rf for s in d["shards"])
ok=ok and len([x for x in d["nodes"] if x["status"]=="Up"])==n
sys.exit(0 if ok else 1)' "$2" "$3"; then return 0; fi
    sleep 0.5
  done
  echo "bench-cluster: cluster on :$1 did not become ready" >&2; return 1
}

summary="$run/table.md"
{
  echo "# Cluster benchmark: ${SERIES} series x ${ROUNDS} rounds ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "Machine: $(nproc) cores, shared; Cairn $(git rev-parse --short HEAD); node heap $NODE_HEAP; S=$SHARDS."
  echo
  echo "| layout | ingest samples/s | artery bytes sent | bytes between nodes per sample | query_range/s ($QUERY_CONCURRENCY clients) | median ms | p90 ms |"
  echo "|---|---|---|---|---|---|---|"
} > "$summary"

for layout in $LAYOUTS; do
  echo "bench-cluster: --- $layout ---"
  pids=()
  if [ "$layout" = single ]; then nodes=1; rf=1; else nodes=3; rf=2; fi
  http=(); cport=(); mport=()
  for i in $(seq 0 $((nodes - 1))); do http+=("$(free_port)"); cport+=("$(free_port)"); mport+=("$(free_port)"); done
  seeds=""
  if [ $nodes -gt 1 ]; then seeds=$(printf '127.0.0.1:%s,' "${cport[@]}"); seeds=${seeds%,}; fi
  for i in $(seq 0 $((nodes - 1))); do
    start_node "$layout-n$((i + 1))" "${http[$i]}" "${cport[$i]}" "${mport[$i]}" "$seeds" \
      -replicationFactor=$rf -initialNodes=$nodes
  done
  wait_ready "${http[0]}" $nodes $rf
  before=$(artery_bytes "${cport[@]}")
  java -Xmx3g -XX:+UseParallelGC -jar it/target/cairn-bench.jar --target=url \
    --url="http://127.0.0.1:${http[0]}/api/v1/write" --name="$layout" --series="$SERIES" \
    --rounds="$ROUNDS" --concurrency="$CONCURRENCY" --request-samples="$REQUEST_SAMPLES" \
    --verify-hosts=0 --start-ms="$start_ms" --out-dir="$run" 2>&1 | tee "$run/$layout-driver.log"
  after=$(artery_bytes "${cport[@]}")
  rate=$(grep -m1 '^samplesPerSecond=' "$run/$layout.properties" | cut -d= -f2 || echo "?")
  samples=$(grep -m1 '^samplesOk=' "$run/$layout.properties" | cut -d= -f2 || echo 1)
  bytes=$((after - before))
  per=$(python3 -c "print(f'{$bytes/max(1,$samples):.1f}')")
  q=$(java "$run/QueryLoad.java" "http://127.0.0.1:${http[0]}" "$QUERY_SECONDS" "$QUERY_CONCURRENCY" "$start_ms" | tee "$run/$layout-query.log")
  qps=$(echo "$q" | sed -n 's/.*qps=\([0-9.]*\).*/\1/p')
  med=$(echo "$q" | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p')
  p90=$(echo "$q" | sed -n 's/.*p90_ms=\([0-9.]*\).*/\1/p')
  printf '| %s (%d node%s, R=%d) | %.0f | %s | %s | %s | %s | %s |\n' "$layout" $nodes \
    "$([ $nodes -gt 1 ] && echo s)" $rf "$rate" "$bytes" "$per" "$qps" "$med" "$p90" >> "$summary"
  cleanup
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
done
cat "$summary"
