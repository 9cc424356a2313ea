#!/usr/bin/env bash
# Installs what is missing and starts what is not running. Safe to run again: each step checks first.
# Usage: setup.sh [start|test]   (start: engine + VS Code; test: also sshd and the browser)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PURPOSE=${1:-test}

install_debian_packages() {
  local wanted=(docker.io busybox-static ripgrep libkrb5-dev pkg-config)
  [ "$PURPOSE" = test ] && wanted+=(openssh-server chromium iproute2 openssl docker-registry apache2-utils curl sudo debootstrap iptables docker-compose)
  ensure_debian_packages "$RUN_DIR/apt.log" "${wanted[@]}"
}

install_node_modules() {
  cd "$PROJECT_DIR"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm dependencies"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

start_engine() {
  if docker -H unix:///var/run/docker.sock info >/dev/null 2>&1; then return; fi
  local pidfile=/var/run/docker.pid
  if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    rm -f "$pidfile"   # left by a dockerd that was killed; it would refuse to start
  fi
  say "starting dockerd (log: $RUN_DIR/dockerd.log)"
  setsid dockerd >"$RUN_DIR/dockerd.log" 2>&1 < /dev/null &
  wait_for dockerd 60 docker -H unix:///var/run/docker.sock info || { tail -20 "$RUN_DIR/dockerd.log"; die "dockerd did not start"; }
}


install_code_server() {
  [ -x "$CODE_SERVER_BIN" ] && return
  say "installing code-server $CODE_SERVER_VERSION (VS Code 1.100) into $CODE_SERVER_DIR"
  bash "$PROJECT_DIR/scripts/install-code-server.sh" "$CODE_SERVER_DIR" "$CODE_SERVER_VERSION"
}

# A private sshd on loopback for the SSH tests; its keys and config live in the run directory.
start_sshd() {
  local dir=$RUN_DIR/sshd config
  mkdir -p "$dir" /run/sshd
  [ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
  config=$(cat <<CONFIG
Port 2222
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys .ssh/authorized_keys
StrictModes no
PasswordAuthentication yes
PermitRootLogin yes
AllowStreamLocalForwarding yes
UsePAM no
# SHLVL=1: bash then counts itself nested and does not read root's ~/.bashrc for SSH commands
# (this machine's runs pyenv init; a pyenv rehash killed mid-way leaves a lock that made every
# later login wait 60 s).
SetEnv SHLVL=1
CONFIG
)
  touch "$dir/authorized_keys"
  if [ -f "$dir/sshd.pid" ] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null; then
    [ "$(cat "$dir/sshd_config" 2>/dev/null)" = "$config" ] && return
    kill "$(cat "$dir/sshd.pid")"; sleep 0.5   # it runs with the old configuration
  fi
  printf '%s\n' "$config" >"$dir/sshd_config"
  say "starting sshd on 127.0.0.1:2222"
  /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
}

# A private registry on loopback (Debian's docker-distribution) for push/pull tests: no internet registry is reachable.
start_registry() {
  local dir=$RUN_DIR/registry
  mkdir -p "$dir/data"
  cat >"$dir/config.yml" <<CONFIG
version: 0.1
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
log:
  level: warn
CONFIG
  if curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1; then return; fi
  say "starting a registry on 127.0.0.1:5000"
  setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 < /dev/null &
  wait_for registry 20 curl -fsS http://127.0.0.1:5000/v2/ || { tail -20 "$dir/registry.log"; die "the registry did not start"; }
}

install_debian_packages
install_node_modules
start_engine
ensure_busybox_image "the local engine" docker -H unix:///var/run/docker.sock
install_code_server
if [ "$PURPOSE" = test ]; then
  start_sshd
  start_registry
  bash "$PROJECT_DIR/scripts/test-hosts.sh" up   # host B: a second engine (TLS) and sshd in a network namespace
  bash "$PROJECT_DIR/scripts/provision-host.sh" up   # host C: a plain Docker host (no TCP, no init) for the generic driver
  bash "$PROJECT_DIR/scripts/bare-host.sh" up   # host D: a bare Debian (debootstrap, no Docker) that apt-installs docker.io
  bash "$PROJECT_DIR/scripts/podman.sh" up   # a Podman engine (rootful, unix:///run/dh-podman/podman.sock) beside dockerd
  bash "$PROJECT_DIR/scripts/vm-image.sh" build   # the Debian cloud image the Local VM (QEMU) driver boots (built once, cached)
  # A run stopped half-way through the Swarm tests leaves engines in a swarm; the tiers expect plain ones.
  for sock in /var/run/docker.sock "$RUN_DIR/hostb/docker.sock"; do
    if [ "$(timeout 20 docker -H "unix://$sock" info -f '{{.Swarm.LocalNodeState}}' 2>/dev/null)" != inactive ]; then
      say "leaving the swarm on unix://$sock"
      timeout 60 docker -H "unix://$sock" swarm leave --force >/dev/null 2>&1 || true
    fi
  done
fi
say "set-up complete"
