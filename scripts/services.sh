#!/usr/bin/env bash
# Starts or stops the local emulators, each bound to 127.0.0.1 only:
#   Azurite (Table/Queue/Blob storage) and MailDev (SMTP inbox with a web UI and REST API under /api).
# usage: scripts/services.sh start|stop
# settings (environment): GOV_STATE_DIR (pid and log files), GOV_AZURITE_PORT (blob; queue +1, table +2),
#   GOV_SMTP_PORT, GOV_MAILDEV_PORT (web UI + REST), GOV_AZURITE_MEMORY=1 (keep nothing on disk).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${GOV_STATE_DIR:-$root/.artifacts/services}
blob=${GOV_AZURITE_PORT:-10000}
smtp=${GOV_SMTP_PORT:-1025}
web=${GOV_MAILDEV_PORT:-1080}
bin=$root/node_modules/.bin
mkdir -p "$state"

wait_port() { # name port
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$1 did not open 127.0.0.1:$2; see $state/$1.log" >&2
  return 1
}

start() {
  [ -x "$bin/azurite" ] && [ -x "$bin/maildev" ] || { echo "emulators missing: run 'npm ci' first" >&2; exit 1; }
  stop quiet
  local persistence=(--location "$state/azurite-data")
  [ "${GOV_AZURITE_MEMORY:-0}" = 1 ] && persistence=(--inMemoryPersistence)
  nohup "$bin/azurite" --silent --disableTelemetry --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort $((blob + 1)) \
    --tableHost 127.0.0.1 --tablePort $((blob + 2)) "${persistence[@]}" >"$state/azurite.log" 2>&1 &
  echo $! >"$state/azurite.pid"
  nohup "$bin/maildev" --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$smtp" --web "$web" \
    >"$state/maildev.log" 2>&1 &
  echo $! >"$state/maildev.pid"
  wait_port azurite "$((blob + 2))" && wait_port azurite "$((blob + 1))" && wait_port maildev "$smtp" && wait_port maildev "$web"
  echo "Azurite on 127.0.0.1:$blob-$((blob + 2)); MailDev SMTP 127.0.0.1:$smtp, inbox http://127.0.0.1:$web"
}

stop() {
  for name in azurite maildev; do
    if [ -f "$state/$name.pid" ]; then
      kill "$(cat "$state/$name.pid")" 2>/dev/null || true
      rm -f "$state/$name.pid"
    fi
  done
  [ "${1:-}" = quiet ] || echo "emulators stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
