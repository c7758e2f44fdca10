#!/usr/bin/env bash
# Runs the whole system on this machine: local Kafka + ClickHouse (services.sh), then ingest,
# coc-gateway and ioc-sync in the foreground. Ctrl-C stops the apps; the services keep running
# (stop them with `npm run services -- stop`).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
cd "$REPO"

# ioc-sync needs its own unit; the worked example's commune unless told otherwise.
export IOC_SYNC_UNIT_CODE="${IOC_SYNC_UNIT_CODE:-26734}"

bash "$HERE/services.sh" install
bash "$HERE/services.sh" start
eval "$(bash "$HERE/services.sh" env)"
export KAFKA_BROKERS CLICKHOUSE_URL

[[ -f dist/apps/ingest/main.js && "${COC_REBUILD:-1}" == 0 ]] || npm run build

pids=()
stop_apps() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait || true; }
trap stop_apps EXIT INT TERM

for app in ingest coc-gateway ioc-sync; do
  # Process substitution keeps $! the node pid, so the trap stops the app itself.
  node "dist/apps/$app/main.js" > >(sed -u "s/^/[$app] /") 2>&1 &
  pids+=($!)
done
printf '[run] ingest http://127.0.0.1:%s  coc-gateway http://127.0.0.1:%s  ioc-sync http://127.0.0.1:%s\n' \
  "${INGEST_HTTP_PORT:-3001}" "${COC_GATEWAY_PORT:-3000}" "${IOC_SYNC_PORT:-3002}"
wait -n
