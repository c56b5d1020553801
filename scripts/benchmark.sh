#!/usr/bin/env bash
# Runs a benchmark against fresh in-memory emulators it starts and stops itself; prints its figures as Markdown.
# Two sets of emulators: one for the app's pipeline, one for the raw floor it is compared with, so that neither
# measurement runs on an emulator the other has filled.
# usage: scripts/benchmark.sh leave [chains=500] [concurrency=16]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -x node_modules/.bin/azurite ] && [ -x node_modules/.bin/maildev ] || npm ci --omit=optional --no-audit --no-fund

key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==' # Azurite's published dev key
connection() { echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$(($1 + 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$(($1 + 2))/devstoreaccount1;"; }
services() { # start|stop name base
  GOV_STATE_DIR=$root/.artifacts/bench-$2 GOV_AZURITE_PORT=$3 GOV_SMTP_PORT=$(($3 + 10)) GOV_MAILDEV_PORT=$(($3 + 11)) GOV_AZURITE_MEMORY=1 \
    bash scripts/services.sh "$1" >/dev/null
}

base=${GOV_BENCH_PORT_BASE:-40000}
floor=$((base + 100))
services start app $base
services start floor $floor
trap 'services stop app $base; services stop floor $floor' EXIT

export GOV_BENCH_STORAGE=$(connection $base) GOV_BENCH_SMTP_PORT=$((base + 10))
export GOV_BENCH_FLOOR_STORAGE=$(connection $floor) GOV_BENCH_FLOOR_SMTP_PORT=$((floor + 10))
export GOV_BENCH_SEEDS=$root/seeds
dotnet run -c Release --project tests/GovFunctions.Benchmarks -- "$@"
