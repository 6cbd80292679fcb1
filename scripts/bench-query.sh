#!/usr/bin/env bash
# Query latency benchmark: Cairn against VictoriaMetrics 1.79 over the same node_exporter-like
# history (default 10k series x 24 h at 15 s), dashboard-style range queries over 24 h (60 s step)
# and 1 h (15 s step); prints a Markdown table (median/p90 per query, Cairn/VM ratio) and a JFR
# summary of where Cairn spent its time. Both servers run fresh on free 127.0.0.1 ports under
# --out-dir (default bench-out/query-<time>); the machine should be otherwise idle.
#
#   scripts/bench-query.sh                              # defaults: --series=10000 --hours=24 --runs=10 --warmup=3
#   scripts/bench-query.sh --out-dir=bench-out/q1       # keep the loaded data ...
#   scripts/bench-query.sh --out-dir=bench-out/q1 --reuse=true --queries=http-p90   # ... and rerun queries on it
#   scripts/bench-query.sh --help                       # all options
#
# Needs victoria-metrics on the PATH (scripts/install-test-deps.sh installs it) and a JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -o -q -DskipTests -pl it -am package
fi
exec java -Xmx4g -Dcairn.jar="$PWD/node/target/cairn.jar" -cp it/target/cairn-bench.jar \
  io.cairn.it.querybench.QueryBenchmark "$@"
