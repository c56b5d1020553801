#!/usr/bin/env bash
# Runs benchmarks against fresh in-memory emulators it starts and stops itself; prints their figures as Markdown and
# writes them as JSON to .artifacts/benchmarks/<UTC time>/<benchmark>.json, so runs can be compared.
# Two sets of emulators per benchmark: one for the app's pipeline, one for the raw floor it is compared with, so that
# neither measurement runs on an emulator the other has filled.
# usage: scripts/benchmark.sh leave [chains=500] [concurrency=16]
#        scripts/benchmark.sh hotline [calls=20000] [monthCalls=100000] [concurrency=16]
#        scripts/benchmark.sh supervision [items=5000] [concurrency=16]
#        scripts/benchmark.sh reports [calls=100000] [items=5000] [approvals=2000]
#          (a month seeded through the app's stores, then every recipient's monthly report from the aggregates against the scan)
#        scripts/benchmark.sh all [chains=200] [calls=3000] [monthCalls=20000] [concurrency=16] [items=1000] [reportCalls=10000]
#          (every benchmark, one after another, each on fresh emulators, then one table of every figure)
# settings (environment): GOV_BENCH_PORT_BASE (default 30000, below the ephemeral ports from 32768 that a client's
#   connection may hold: the app's emulators on base..base+11, the floor's on base+100..base+111), GOV_BENCH_REPEATS (3), GOV_BENCH_NOW (an ISO time: run as if it were then).
# Exits non-zero when a benchmark's work was wrong (not every chain approved, counters differ from the scan, ...).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -x node_modules/.bin/azurite ] && [ -x node_modules/.bin/maildev ] || npm ci --omit=optional --no-audit --no-fund

key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==' # Azurite's published dev key
connection() { echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$(($1 + 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$(($1 + 2))/devstoreaccount1;"; }
services() { # start|stop name base
  GOV_STATE_DIR=$root/.artifacts/bench-$2-$3 GOV_AZURITE_PORT=$3 GOV_SMTP_PORT=$(($3 + 10)) GOV_MAILDEV_PORT=$(($3 + 11)) GOV_AZURITE_MEMORY=1 \
    bash scripts/services.sh "$1" >/dev/null
}

base=${GOV_BENCH_PORT_BASE:-30000}
floor=$((base + 100))
export GOV_BENCH_STORAGE=$(connection $base) GOV_BENCH_SMTP_PORT=$((base + 10))
export GOV_BENCH_FLOOR_STORAGE=$(connection $floor) GOV_BENCH_FLOOR_SMTP_PORT=$((floor + 10))
export GOV_BENCH_SEEDS=$root/seeds
# Idle thread-pool threads do not spin-wait, so the CPU time measured is work done, not waiting for the emulators.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
# Hot methods are recompiled (tier 1) as soon as they are hot, during the warm-up, not in the middle of a measurement.
export DOTNET_TC_CallCountingDelayMs=0
export GOV_BENCH_OUTPUT=$root/.artifacts/benchmarks/$(date -u +%Y%m%dT%H%M%SZ)

built=$(dotnet build -c Release tests/GovFunctions.Benchmarks -nologo -v q 2>&1) || { echo "$built" | grep -E "error|rror " >&2; exit 1; }
bench() { dotnet tests/GovFunctions.Benchmarks/bin/Release/net10.0/GovFunctions.Benchmarks.dll "$@"; }

run() { # benchmark args... : on fresh emulators of its own
  services start app $base
  services start floor $floor
  trap 'services stop app $base; services stop floor $floor' EXIT
  local status=0
  bench "$@" || status=$?
  services stop app $base
  services stop floor $floor
  trap - EXIT
  return $status
}

case "${1:-}" in
  all)
    status=0
    run leave "${2:-200}" "${5:-16}" || status=1
    echo
    run hotline "${3:-3000}" "${4:-20000}" "${5:-16}" || status=1
    echo
    run supervision "${6:-1000}" "${5:-16}" || status=1
    echo
    run reports "${7:-10000}" "${6:-1000}" 400 || status=1
    echo
    echo "## All benchmarks (median of ${GOV_BENCH_REPEATS:-3} repeats; baseline = the fair floor of the same repeat)"
    echo
    bench table || status=1
    exit $status
    ;;
  leave | hotline | supervision | reports) run "$@" ;;
  *) echo "usage: $0 leave|hotline|supervision|reports|all [sizes...]" >&2; exit 2 ;;
esac
