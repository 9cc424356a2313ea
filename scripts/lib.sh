# Shared paths and helpers for the project's shell scripts (sourced, not run).
PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE_DIR=${DOCKER_HOSTS_CACHE:-$HOME/.cache/docker-hosts}
RUN_DIR=$CACHE_DIR/run
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.100.3}   # VS Code 1.100.3, the last line that runs on Node 20
CODE_SERVER_DIR=$CACHE_DIR/code-server-$CODE_SERVER_VERSION
CODE_SERVER_BIN=$CODE_SERVER_DIR/node_modules/.bin/code-server
BASE_IMAGE=${DOCKER_HOSTS_BASE_IMAGE:-docker-hosts/busybox:latest}
mkdir -p "$RUN_DIR"

say() { printf '\033[1m[docker-hosts]\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# wait_for DESCRIPTION SECONDS COMMAND...: polls COMMAND every half second.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}
