#!/usr/bin/env bash
# Benchmarks (ratios against an anchor measured in the same run). Not tests: nothing here fails on a number.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bash "$PROJECT_DIR/scripts/setup.sh" test
cd "$PROJECT_DIR"
npm run --silent build
for bench in out/test/bench/*.bench.js; do
  say "benchmark: $(basename "$bench" .bench.js)"
  node "$bench"
done
