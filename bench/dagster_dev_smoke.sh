#!/usr/bin/env bash
# Smoke-test `dagster dev` the way `make dev` runs it, without a browser: start it on a free
# loopback port with a private copy of the inputs and a private DAGSTER_HOME, time how long
# the webserver and the code location take to come up, list the assets, then shut the whole
# process group down (SIGINT, then SIGTERM, then SIGKILL) and check nothing is left.
#
#   bench/dagster_dev_smoke.sh            # from the repository root
#   TIMEOUT=180 bench/dagster_dev_smoke.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
TIMEOUT="${TIMEOUT:-150}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gwr-dev-smoke.XXXXXX")"
PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

mkdir -p "$WORK/data" "$WORK/home/.nux"
for d in reports spreadsheets; do
  if [ -d "$ROOT/data/$d" ]; then cp -r "$ROOT/data/$d" "$WORK/data/"; else mkdir -p "$WORK/data/$d"; fi
done
# No run slots: the input sensor's first-tick refresh stays queued instead of running.
printf 'telemetry:\n  enabled: false\nconcurrency:\n  runs:\n    max_concurrent_runs: 0\n' \
  >"$WORK/home/dagster.yaml"
echo "seen: 1" >"$WORK/home/.nux/nux.yaml"

export GWR_DATA="$WORK/data" GWR_WAREHOUSE="$WORK/warehouse/gwr.duckdb" \
  GWR_CACHE="$WORK/cache" DAGSTER_HOME="$WORK/home" PYTHONUNBUFFERED=1 NO_COLOR=1

cd "$ROOT"
start=$(date +%s)
# setsid: own process group; --default-signal: a background job would otherwise ignore INT.
setsid env --default-signal=INT,TERM "$ROOT/.venv/bin/dagster" dev -w workspace.yaml \
  -h 127.0.0.1 -p "$PORT" >"$WORK/dagster-dev.log" 2>&1 </dev/null &
PID=$!

group_left() { ps -eo pgid=,stat= | awk -v g="$PID" '$1 == g && $2 !~ /^Z/' | wc -l; }

stop() {
  local sig waited sent=none
  for sig in INT TERM KILL; do
    [ "$(group_left)" -eq 0 ] && break
    sent="SIG$sig"
    kill -s "$sig" -- "-$PID" 2>/dev/null || true
    for waited in $(seq 1 60); do
      [ "$(group_left)" -eq 0 ] && break
      sleep 0.5
    done
  done
  wait "$PID" 2>/dev/null || true
  echo "stopped (last signal: $sent); processes left in the group: $(group_left)"
}
trap 'stop; rm -rf "$WORK"' EXIT

gql() {
  curl -sf -X POST -H 'Content-Type: application/json' \
    --data "{\"query\": \"$1\"}" "http://127.0.0.1:$PORT/graphql"
}

until curl -sf "http://127.0.0.1:$PORT/server_info" >/dev/null; do
  if ! kill -0 "$PID" 2>/dev/null || [ $(($(date +%s) - start)) -ge "$TIMEOUT" ]; then
    echo "dagster dev did not serve within ${TIMEOUT} s; log tail:"; tail -40 "$WORK/dagster-dev.log"
    exit 1
  fi
  sleep 0.5
done
echo "webserver up after $(($(date +%s) - start)) s on http://127.0.0.1:$PORT"

until gql '{ workspaceOrError { ... on Workspace { locationEntries { loadStatus } } } }' \
  | grep -q '"LOADED"'; do
  if [ $(($(date +%s) - start)) -ge "$TIMEOUT" ]; then
    echo "code location not loaded within ${TIMEOUT} s; log tail:"; tail -40 "$WORK/dagster-dev.log"
    exit 1
  fi
  sleep 0.5
done
echo "code location loaded after $(($(date +%s) - start)) s"

gql '{ assetNodes { assetKey { path } groupName } }' | "$PY" -c '
import json, sys
data = json.load(sys.stdin)
if data.get("errors") or not data.get("data"):
    sys.exit("GraphQL error: %s" % data)
nodes = sorted((n["groupName"], "/".join(n["assetKey"]["path"])) for n in data["data"]["assetNodes"])
print("%d assets:" % len(nodes))
for group, key in nodes:
    print("  %-13s %s" % (group, key))
'
