#!/usr/bin/env bash
# Installs the real peers some tests and benchmarks run against: Prometheus 2.42 (a real
# remote_write client and PromQL reference) and VictoriaMetrics 1.79 (the benchmark peer).
# Idempotent; tests that need a missing binary are skipped with a message.
set -uo pipefail
need=()
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
command -v victoria-metrics >/dev/null 2>&1 || need+=(victoria-metrics)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" \
      || echo "install-test-deps: could not install ${need[*]}; tests needing them will be skipped" >&2
    # The packages start system services; tests start their own instances on other ports.
    for s in prometheus victoria-metrics prometheus-node-exporter; do
      systemctl stop "$s" >/dev/null 2>&1 || service "$s" stop >/dev/null 2>&1 || true
    done
  else
    echo "install-test-deps: not root, cannot install ${need[*]}" >&2
  fi
fi
exit 0
