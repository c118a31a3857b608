#!/usr/bin/env bash
# Cart write load test: Dishpatch's add/change/remove cart item against stock
# PocketBase PATCHing a record of the same shape, same process, same run.
# Loopback only; bounded: 3 rounds × 2 workloads × (3 s warm-up + 10 s).
# Usage: bash bench/cart.sh [clients]   (default 16)
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
