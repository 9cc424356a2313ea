#!/usr/bin/env bash
# Every test tier, after every set-up step: unit, integration (real engine), VS Code (real
# code-server in Chromium) with a UI check and the UI click suite, and VS Code on an untrusted
# repository. Prints one total line: "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
bash "$PROJECT_DIR/scripts/setup.sh" test || exit 1
cd "$PROJECT_DIR"

say "lint, type-check, bundle and package"
npm run --silent lint || exit 1
npm run --silent build || exit 1
npm run --silent package >"$RUN_DIR/package.log" 2>&1 || { cat "$RUN_DIR/package.log"; exit 1; }
grep -E 'Packaged:' "$RUN_DIR/package.log" >&2

export DOCKER_HOSTS_SUMMARY; DOCKER_HOSTS_SUMMARY=$(mktemp)
export CODE_SERVER_BIN
status=0
TIER_LOGS=$RUN_DIR/tiers; rm -rf "$TIER_LOGS"; mkdir -p "$TIER_LOGS"
tier() {
  local name=$1; shift
  say "tier: $name"
  DOCKER_HOSTS_TIER=$name "$@" 2>&1 | tee "$TIER_LOGS/$name.log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
}
# CI shows only the end of the output: repeat there which tests failed and how the test hosts are.
failure_digest() {
  say "failed tests (full output above and in $TIER_LOGS)"
  # Mocha's failure section, titles and messages without stack frames, each line cut short.
  for log in "$TIER_LOGS"/*.log; do
    sed -nE '/^ +[0-9]+ failing/,$p' "$log" | grep -vE '^ +at |^\s*$' | cut -c1-240 | head -40
  done
  grep -hE '✗' "$TIER_LOGS"/*.log | head -20
  for script in test-hosts.sh provision-host.sh bare-host.sh; do
    timeout 60 bash "scripts/$script" status 2>&1 | tail -8
  done
}
tier unit npx mocha --config test/unit/.mocharc.json
tier grammar npm run --silent test:grammar
tier integration npx mocha --config test/integration/.mocharc.json
tier vscode node out/test/vscode/runInCodeServer.js
tier untrusted node out/test/vscode/runUntrusted.js
[ $status = 0 ] || failure_digest

node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
  const sum = (k) => lines.reduce((n, l) => n + l[k], 0);
  for (const l of lines) console.log(`  ${l.tier}: ${l.passed} passed, ${l.failed} failed${l.skipped ? `, ${l.skipped} skipped` : ""}`);
  const skipped = sum("skipped");
  console.log(`${sum("passed")} passed, ${sum("failed")} failed${skipped ? `, ${skipped} skipped` : ""}`);
  if (lines.length < 7) { console.log(`only ${lines.length} of 7 tiers reported`); process.exit(1); }
' "$DOCKER_HOSTS_SUMMARY" || status=1
rm -f "$DOCKER_HOSTS_SUMMARY"
exit $status
