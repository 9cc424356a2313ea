#!/usr/bin/env bash
# npm start: set up what is missing, build and package the extension, install it into a private
# code-server (real VS Code in the browser) and serve it against the local engine.
# Runs in the foreground (Ctrl+C stops it). Run again while it is up: reinstalls the build, reuses the server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PORT=${DOCKER_HOSTS_PORT:-8080}
WORKSPACE=${DOCKER_HOSTS_WORKSPACE:-$PROJECT_DIR}
PROFILE=$CACHE_DIR/start
URL="http://127.0.0.1:$PORT/?folder=$WORKSPACE"

bash "$PROJECT_DIR/scripts/setup.sh" start
cd "$PROJECT_DIR"
say "building and packaging the extension"
npm run --silent package >"$RUN_DIR/package.log" 2>&1 || { cat "$RUN_DIR/package.log"; exit 1; }

mkdir -p "$PROFILE/extensions" "$PROFILE/user-data/User"
[ -f "$PROFILE/user-data/User/settings.json" ] || echo '{ "workbench.startupEditor": "none" }' >"$PROFILE/user-data/User/settings.json"
code_server() { "$CODE_SERVER_BIN" --user-data-dir "$PROFILE/user-data" --extensions-dir "$PROFILE/extensions" "$@"; }
code_server --install-extension "$PROJECT_DIR/dist/docker-hosts.vsix" --force >"$RUN_DIR/install-extension.log" 2>&1 \
  || { cat "$RUN_DIR/install-extension.log"; die "installing the .vsix into code-server failed"; }

if [ -f "$PROFILE/code-server.pid" ] && kill -0 "$(cat "$PROFILE/code-server.pid")" 2>/dev/null; then
  say "VS Code is already running: $URL  (reload the window to load the new build)"
  exit 0
fi
say "VS Code with Docker Hosts: $URL"
echo $$ >"$PROFILE/code-server.pid"
exec "$CODE_SERVER_BIN" --user-data-dir "$PROFILE/user-data" --extensions-dir "$PROFILE/extensions" \
  --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check "$WORKSPACE"
