#!/usr/bin/env bash
# `npm start`: a whole commune COC in one Node process (ingest, coc-gateway, ioc-sync and the demo
# commune's simulated source systems) on the in-process event bus and the embedded ClickHouse engine
# (chDB), data in ./data (COC_DATA_DIR). No root, no Java, no servers. Builds first when the sources
# are newer than the build. Set KAFKA_BROKERS and CLICKHOUSE_URL to run the same process on servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
main=dist/apps/coc-embedded/main.js
if [[ ! -f $main || ! -f dist/apps/coc-embedded/screen/index.html ]] ||
  [[ -n "$(find apps libs -newer "$main" \( -name '*.ts' -o -name '*.css' -o -name '*.html' \) -print -quit)" ]]; then
  npm run --silent build:embedded
fi
exec node "$main"
