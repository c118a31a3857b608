#!/usr/bin/env bash
# Builds the dishpatch binary with its web app (make build) and runs the
# Node end-to-end tests against it, browser tests included.
# Usage: bash e2e/run.sh   (from anywhere)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
make build
export DISHPATCH_BIN="$PWD/dishpatch"

cd e2e
npm ci --no-audit --no-fund
npm test
