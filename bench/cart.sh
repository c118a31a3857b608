#!/usr/bin/env bash
# Cart write load test: Dishpatch's add item, change quantity and an add/change/remove cycle against
# stock PocketBase PATCHing a record of the same shape, same process, same run, interleaved.
# Loopback only; bounded: 3 rounds × 4 workloads × (3 s warm-up + 10 s), about 4 minutes in all.
# Usage: bash bench/cart.sh [clients] [flags of bench/cartload]   (default 16 clients)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
clients="${1:-16}"
go build -o dishpatch .
dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cleanup() { kill "${pid:-0}" 2>/dev/null || true; wait "${pid:-0}" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
./dishpatch superuser upsert bench@dishpatch.local bench-password-1 --dir "$dir" >/dev/null
./dishpatch serve --http "127.0.0.1:$port" --dir "$dir" >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
go run ./bench/cartload -url "http://127.0.0.1:$port" -c "$clients" "${@:2}"
