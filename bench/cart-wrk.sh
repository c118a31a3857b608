#!/usr/bin/env bash
# Add item (POST cart_items) and change quantity (PATCH cart_items) against stock PocketBase's PATCH of
# the same shape, driven by wrk (C) instead of bench/cartload (Go), so that the load generator takes
# less of the 2 cores: 16 connections, 16 customers each on their own carts with one request in flight
# at a time (bench/cart.lua), 3 s warm-up + 10 s each, ours and stock interleaved, 3 rounds; the lines
# that add item added are removed, unmeasured, after each of its runs. Then, as the floor of what this
# machine and load generator can show, the same wrk against GET /api/health (no database, no auth).
# WRK_THREADS (default 1) is wrk's thread count: one thread drives 16 connections with a small share
# of a core, where 16 threads, one per connection, made their own scheduling tail (health p99 about
# 21 ms instead of 12 ms). Loopback only; about 2.5 minutes. Needs wrk (apt-get install -y wrk).
# Usage: bash bench/cart-wrk.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
go build -o dishpatch .
dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cleanup() { kill "${pid:-0}" 2>/dev/null || true; wait "${pid:-0}" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
./dishpatch superuser upsert bench@dishpatch.local bench-password-1 --dir "$dir" >/dev/null
./dishpatch serve --http "127.0.0.1:$port" --dir "$dir" >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
go run ./bench/cartload -url "http://127.0.0.1:$port" -c 16 -export "$dir/customers.tsv"
threads="${WRK_THREADS:-1}"
for round in 1 2 3; do
  for mode in add change stock; do
    wrk -t"$threads" -c16 -d3s -s bench/cart.lua "http://127.0.0.1:$port" -- "$dir/customers.tsv" "$mode" "$threads" >/dev/null
    echo "round $round, $mode:"
    wrk -t"$threads" -c16 -d10s --latency -s bench/cart.lua "http://127.0.0.1:$port" -- "$dir/customers.tsv" "$mode" "$threads" |
      grep -E "Requests/sec|^ +(50|99)%|unexpected|Non-2xx|no customer|error"
    if [ "$mode" = add ]; then
      go run ./bench/cartload -url "http://127.0.0.1:$port" -trim "$dir/customers.tsv"
    fi
  done
done
echo "floor: GET /api/health, same wrk settings:"
wrk -t"$threads" -c16 -d10s --latency "http://127.0.0.1:$port/api/health" | grep -E "Requests/sec|^ +(50|99)%"
