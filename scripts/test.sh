#!/usr/bin/env bash
# Command 2 of the README: runs every test against fresh emulators that it starts and stops itself,
# then prints one counted line: "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Outbox").
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

[ -x node_modules/.bin/azurite ] && [ -x node_modules/.bin/maildev ] || npm ci --omit=optional --no-audit --no-fund

# Test ports differ from the local-run ports, so tests can run beside `npm start`;
# GOV_TEST_PORT_BASE moves them all (two checkouts testing at once).
base=${GOV_TEST_PORT_BASE:-20000}
export GOV_STATE_DIR=$root/.artifacts/test-services GOV_AZURITE_PORT=$base GOV_SMTP_PORT=$((base + 10)) GOV_MAILDEV_PORT=$((base + 11)) GOV_AZURITE_MEMORY=1
bash scripts/services.sh start || exit 1
trap 'bash scripts/services.sh stop >/dev/null' EXIT

key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==' # Azurite's published dev key
export GOV_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$base/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((base + 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$((base + 2))/devstoreaccount1;"
export GOV_TEST_SMTP_PORT=$GOV_SMTP_PORT GOV_TEST_MAILDEV_URL=http://127.0.0.1:$GOV_MAILDEV_PORT
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 # the browser tests use /usr/bin/chromium (README), never a downloaded browser

results=$root/.artifacts/TestResults
rm -rf "$results"
dotnet test GovFunctions.sln -c Release --logger trx --results-directory "$results" "$@"
status=$?

node scripts/count-trx.js "$results" || status=1
exit $status
