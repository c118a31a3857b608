#!/usr/bin/env bash
# Delivery search benchmark: GET /api/delivery/search against stock PocketBase list queries on the same
# data, in the same server process and the same run. For each data set (S: 10,000 restaurants × 100 menu
# items; D: 100,000 × 10; one Berlin-sized metro area) it bulk-loads the data by SQL, rebuilds the index
# with `dishpatch reindex` (timed), checkpoints the WAL and ANALYZEs, serves on a free loopback port and
# runs wrk: per round a 3 s warm-up of every endpoint, then 10 s of every endpoint at 2 and at 16
# connections, ours and stock interleaved; 3 rounds, the median reported. Then it times menu item writes
# with and without the index upkeep. Loopback only; every step is bounded; about 35 minutes for both sets.
#
# Usage: bash bench/search.sh            (needs wrk: apt-get install -y wrk)
# Environment: SETS="S D" ROUNDS=3 DURATION=10 WARMUP=3 CONNS="2 16"; DISHPATCH_BIN=path skips the build.
# Results: bench/out/search/ (raw wrk output and report.md), the report also on stdout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SETS=${SETS:-S D}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CONNS=${CONNS:-2 16}
ENDPOINTS="ours-a stock-a ours-b stock-b ours-c stock-c ours-d stock-d floor"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
out=bench/out/search
rm -rf "$out" && mkdir -p "$out"
work="$(mktemp -d)"
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

bin=${DISHPATCH_BIN:-$work/dishpatch}
[ -n "${DISHPATCH_BIN:-}" ] || go build -o "$bin" .
go build -o "$work/searchbench" ./bench/searchbench
"$bin" reindex --help >/dev/null 2>&1 || { echo "$bin has no reindex command (main.go: app.RootCmd.AddCommand(hooks.ReindexCommand(app)))" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$1/status"; }

for set in $SETS; do
  data="$work/$set"
  echo "== $set: loading" >&2
  timeout 1200 "$work/searchbench" load -set "$set" -dir "$data" >&2
  timeout 1200 "$bin" reindex --dir "$data" | tee "$out/${set}_reindex.txt" >&2
  timeout 600 "$work/searchbench" prepare -dir "$data" | tee "$out/${set}_prepare.txt" >&2
  "$work/searchbench" urls -set "$set" -dir "$work/urls-$set" -n 1000

  port="$(free_port)"
  start=$(date +%s.%N)
  "$bin" serve --http "127.0.0.1:$port" --dir "$data" >"$work/serve-$set.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$port/api/health" >/dev/null || { cat "$work/serve-$set.log" >&2; exit 1; }
  echo "serving after $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s (index loaded into memory); RSS $(rss_mb "$pid")" \
    | tee "$out/${set}_startup.txt" >&2

  # One wrk thread: on 2 cores a second one competes with the server for the CPU and shows up as
  # scheduler stalls in the server's tail latency, not as load.
  bench() { timeout $(($2 + 30)) wrk -t1 -c"$1" -d"$2"s --latency --timeout 5s -s bench/search.lua \
    "http://127.0.0.1:$port" -- "$work/urls-$set/$3.txt"; }
  echo "machine load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/${set}_startup.txt"
  for round in $(seq "$ROUNDS"); do
    echo "== $set: round $round" >&2
    for ep in $ENDPOINTS; do bench 2 "$WARMUP" "$ep" >/dev/null; done
    for conns in $CONNS; do
      for ep in $ENDPOINTS; do
        bench "$conns" "$DURATION" "$ep" >"$out/${set}_${ep}_c${conns}_r${round}.txt"
      done
    done
  done
  echo "RSS after the runs: $(rss_mb "$pid"); machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/${set}_startup.txt"
  kill "$pid" && wait "$pid" 2>/dev/null || true
  pid=

  timeout 600 "$work/searchbench" upkeep -dir "$data" -n 300 | tee "$out/${set}_upkeep.txt" >&2
  rm -rf "$data"
done

"$work/searchbench" report -dir "$out" | tee "$out/report.md"
