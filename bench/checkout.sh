#!/usr/bin/env bash
# Checkout load and realtime latency, loopback only, bounded (about 2 minutes with the defaults):
# 16 customers checking out their own 5-line carts against stock PocketBase creating one record per
# request (same process, same run, 3 interleaved rounds), then order status events timed at a
# subscribed customer with 100 and with 5000 other SSE clients connected.
# Usage: bash bench/checkout.sh [flags of bench/checkout, e.g. -orders 4000 -sse 100,5000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
go build -o dishpatch .
go build -o "${TMPDIR:-/tmp}/dishpatch-bench-checkout" ./bench/checkout
dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cleanup() { kill "${pid:-0}" 2>/dev/null || true; wait "${pid:-0}" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
# 5000 SSE clients need 5000 descriptors on each side.
ulimit -n 20000 2>/dev/null || true
./dishpatch superuser upsert bench@dishpatch.local bench-password-1 --dir "$dir" >/dev/null
./dishpatch serve --http "127.0.0.1:$port" --dir "$dir" >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
timeout 600 "${TMPDIR:-/tmp}/dishpatch-bench-checkout" -url "http://127.0.0.1:$port" "$@"
