#!/usr/bin/env bash
# End-to-end ingestion benchmark: VictoriaMetrics 1.79 and Cairn, one after the other, on this
# machine, with the same deterministic workload (same series, timestamps and values), each on a
# free 127.0.0.1 port with a fresh data directory. Prints a side-by-side table and writes it,
# with every figure and the servers' logs, under bench-out/.
#
# Usage: scripts/bench-ingest.sh                       # 100k active series x 20 scrape rounds
#        SERIES=1000000 ROUNDS=4 scripts/bench-ingest.sh
# Settings (environment): SERIES, ROUNDS, CONCURRENCY, REQUEST_SAMPLES, VERIFY_HOSTS, SEED,
#   TARGETS ("vm cairn"), DRIVER_HEAP (-Xmx of the driver), CAIRN_JVM_OPTS, SKIP_BUILD=1.
# See docs/benchmarks.md for the method.
set -euo pipefail
cd "$(dirname "$0")/.."

SERIES="${SERIES:-100000}"
ROUNDS="${ROUNDS:-20}"
CONCURRENCY="${CONCURRENCY:-4}"
REQUEST_SAMPLES="${REQUEST_SAMPLES:-5000}"
VERIFY_HOSTS="${VERIFY_HOSTS:-10}"
SEED="${SEED:-1}"
TARGETS="${TARGETS:-vm cairn}"
DRIVER_HEAP="${DRIVER_HEAP:-3g}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "bench-ingest: building node/target/cairn.jar and it/target/cairn-bench.jar"
  mvn -o -q -pl it -am -DskipTests package
fi

# Both servers get the very same data: the first scrape is at the start of the current UTC day.
start_ms=$(( $(date -u +%s) / 86400 * 86400 * 1000 ))
run="bench-out/ingest-$(date -u +%Y%m%dT%H%M%SZ)-${SERIES}x${ROUNDS}"
mkdir -p "$run"
echo "bench-ingest: $run (machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg))"

results=()
for target in $TARGETS; do
  echo "bench-ingest: --- $target ---"
  java -Xmx"$DRIVER_HEAP" -XX:+UseParallelGC -jar it/target/cairn-bench.jar \
    --target="$target" --name="$target" --series="$SERIES" --rounds="$ROUNDS" \
    --concurrency="$CONCURRENCY" --request-samples="$REQUEST_SAMPLES" --verify-hosts="$VERIFY_HOSTS" \
    --seed="$SEED" --start-ms="$start_ms" --out-dir="$run" \
    ${CAIRN_JVM_OPTS:+--cairn-jvm-opts="$CAIRN_JVM_OPTS"} \
    2>&1 | tee "$run/$target-driver.log" || echo "bench-ingest: $target run failed (see $run/$target-driver.log)"
  [ -f "$run/$target.properties" ] && results+=("$run/$target.properties")
done

{
  echo "# Ingestion: ${SERIES} active series x ${ROUNDS} scrape rounds ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), shared;"
  echo "VictoriaMetrics $(dpkg-query -W -f='${Version}' victoria-metrics 2>/dev/null || echo '?'), Cairn $(git rev-parse --short HEAD)."
  echo
} > "$run/table.md"
java -cp it/target/cairn-bench.jar io.cairn.it.bench.BenchTable "${results[@]}" | tee -a "$run/table.md"
echo "bench-ingest: table written to $run/table.md"
