#!/usr/bin/env bash
# "Host B": a second Docker host for the tests, as real as a remote machine can be on one box.
# It lives in its own network namespace (dh-hostb) behind a veth pair and has its own dockerd
# (mutual TLS on 10.77.0.2:2376, plus a unix socket) and its own sshd (10.77.0.2:22).
#
# Usage: test-hosts.sh up|down|status
#   up      create whatever is missing and start whatever is not running (safe to repeat)
#   down    stop host B's sshd and dockerd and remove the namespace (certificates, keys and
#           the engine's data stay, so the next `up` is quick)
#   status  print what runs; exit status 0 only when everything answers
#
# Everything host B owns is under $RUN_DIR/hostb:
#   docker.sock            host B's engine, unix socket (reachable from the host as well)
#   tls/ca.pem cert.pem key.pem        the CA and a client certificate (DOCKER_CERT_PATH layout)
#   tls/server-cert.pem server-key.pem the engine's certificate: IP:10.77.0.2, IP:127.0.0.1, DNS:hostb
#   tls/wrong-ca.pem       an unrelated CA, for tests that must be refused
#   id_ed25519(.pub)       the test key authorised for root@10.77.0.2
#   ssh_host_ed25519_key.pub, known_hosts   host B's sshd host key, and a known_hosts line for it
#
# SSH to host B: `ssh -i $RUN_DIR/hostb/id_ed25519 -o UserKnownHostsFile=$RUN_DIR/hostb/known_hosts
# root@10.77.0.2`. The sshd runs as root inside the namespace but sees the same filesystem as
# the host, so the engine socket at the far end of that SSH connection is
# $RUN_DIR/hostb/docker.sock, not /var/run/docker.sock (which is the local engine's). An SSH
# machine that points at host B must set its remote socket path to $RUN_DIR/hostb/docker.sock.
#
# Traffic only ever goes to 127.0.0.0/8 and to 10.77.0.1/10.77.0.2, both made here.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NETNS=dh-hostb
NETNS_PATH=/run/netns/$NETNS
HOST_IF=dh-hostb0          # veth end that stays on the host
PEER_IF=dh-hostb1          # veth end inside the namespace
HOST_ADDR=10.77.0.1
HOSTB_ADDR=10.77.0.2
ENGINE_PORT=2376
SSH_PORT=22

DIR=$RUN_DIR/hostb
TLS=$DIR/tls
SOCK=$DIR/docker.sock
DOCKERD_PID=$DIR/dockerd.pid
SSHD_PID=$DIR/sshd.pid
SSHD_CONFIG=$DIR/sshd_config
CLIENT_KEY=$DIR/id_ed25519
HOST_KEY=$DIR/ssh_host_ed25519_key

in_netns() { nsenter --net="$NETNS_PATH" "$@"; }
# Every docker and ssh call is bounded: a lost route to host B would otherwise hang on TCP's
# retries, and `status` (the tests' gate) must answer within their 30 s.
CALL_TIMEOUT=300
engine() { timeout "$CALL_TIMEOUT" docker -H "unix://$SOCK" "$@"; }
engine_over_tls() {
  timeout "$CALL_TIMEOUT" docker --tlsverify --tlscacert "$TLS/ca.pem" --tlscert "$TLS/cert.pem" --tlskey "$TLS/key.pem" \
    -H "tcp://$HOSTB_ADDR:$ENGINE_PORT" "$@"
}
# -n: ssh must not read the terminal (under timeout it is in a background process group, and a
# read from the tty stops it for good when npm test runs in a terminal).
ssh_to_hostb() {
  timeout "$CALL_TIMEOUT" ssh -n -i "$CLIENT_KEY" -p "$SSH_PORT" -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$DIR/known_hosts" -o GlobalKnownHostsFile=/dev/null "root@$HOSTB_ADDR" "$@"
}

namespace_exists() { netns_exists "$NETNS"; }

# True when process PID runs in host B's namespace (and not, say, in one left from an earlier run).
runs_in_namespace() {
  namespace_exists || return 1
  [ "$(readlink "/proc/$1/ns/net" 2>/dev/null)" = "net:[$(stat -L -c %i "$NETNS_PATH")]" ]
}

# stop_process FILE NAME: SIGTERM, then SIGKILL after 30 s; removes the pid file.
stop_process() {
  local file=$1 name=$2 pid
  if pid=$(live_pid "$file" "$name"); then
    say "stopping host B's $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    alive "$pid" && { say "$name did not stop in 30 s: killing pid $pid"; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$file"
}

# --- the network namespace and its veth pair -------------------------------------------------
ensure_namespace() {
  if ! namespace_exists; then
    # Daemons still running in a namespace that was deleted under them would hold on to the
    # veth pair and the old socket; they go first.
    stop_process "$SSHD_PID" sshd
    stop_process "$DOCKERD_PID" dockerd
    ip link del "$HOST_IF" 2>/dev/null || true
    say "creating network namespace $NETNS"
    ip netns add "$NETNS"
  fi
  ensure_veth_pair "$NETNS" "$HOST_IF" "$PEER_IF" "$HOST_ADDR"
  in_netns ip link set lo up
  in_netns ip addr replace "$HOSTB_ADDR/24" dev "$PEER_IF"
  in_netns ip link set "$PEER_IF" up
}

# --- TLS material ----------------------------------------------------------------------------
tls_complete() {
  local f
  for f in ca.pem ca-key.pem server-cert.pem server-key.pem cert.pem key.pem wrong-ca.pem wrong-ca-key.pem; do
    [ -s "$TLS/$f" ] || return 1
  done
  for f in ca.pem server-cert.pem cert.pem wrong-ca.pem; do
    openssl x509 -checkend 86400 -noout -in "$TLS/$f" >/dev/null || return 1   # not expiring within a day
  done
}

# Makes a CA, a server and a client certificate signed by it, and an unrelated CA. Returns 0
# when it made new material (a running engine must then be restarted to pick it up).
ensure_tls() {
  tls_complete && return 1
  say "generating TLS material for host B in $TLS"
  local work; work=$(mktemp -d)
  (
    umask 077
    cd "$work"
    cat >openssl.cnf <<CNF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:$HOSTB_ADDR, IP:127.0.0.1, DNS:hostb
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
CNF
    new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
    new_ca() { # KEY CERT SUBJECT
      new_key "$1"
      openssl req -new -x509 -config openssl.cnf -extensions ca -key "$1" -subj "$3" -days 3650 -sha256 -out "$2"
    }
    new_leaf() { # KEY CERT SUBJECT EXTENSIONS
      new_key "$1"
      openssl req -new -config openssl.cnf -key "$1" -subj "$3" -out leaf.csr
      openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca-key.pem -set_serial "0x$(openssl rand -hex 8)" \
        -days 825 -sha256 -extfile openssl.cnf -extensions "$4" -out "$2" 2>/dev/null
    }
    new_ca ca-key.pem ca.pem "/CN=Docker Hosts test CA (host B)"
    new_leaf server-key.pem server-cert.pem "/CN=hostb" server
    new_leaf key.pem cert.pem "/CN=docker-hosts test client" client
    new_ca wrong-ca-key.pem wrong-ca.pem "/CN=Docker Hosts unrelated CA (must be refused)"
    openssl verify -CAfile ca.pem server-cert.pem cert.pem >/dev/null
    chmod 600 ./*key.pem
    chmod 644 ca.pem server-cert.pem cert.pem wrong-ca.pem
    rm -f leaf.csr openssl.cnf
  ) || { rm -rf "$work"; die "openssl failed while making host B's certificates"; }
  mkdir -p "$TLS"
  chmod 700 "$TLS"
  mv -f "$work"/*.pem "$TLS/"
  rm -rf "$work"
  return 0
}

# --- host B's dockerd ------------------------------------------------------------------------
engine_answers() { engine info >/dev/null 2>&1; }

# Its own configuration, so that a daemon.json meant for the local engine (say, with "hosts")
# does not leak in, and its own identity key: dockerd 20.10 reads /etc/docker/key.json, so two
# engines would report the same ID in `docker info`. Newer dockerd keep the ID in the data root
# and reject the directive, hence the check that this binary knows it.
daemon_json() {
  if grep -qa deprecated-key-path "$(command -v dockerd)"; then
    printf '{ "deprecated-key-path": "%s" }\n' "$DIR/engine-key.json"
  else
    echo '{}'
  fi
}

ensure_dockerd() {
  local restart=$1 pid
  if [ "$(cat "$DIR/daemon.json" 2>/dev/null)" != "$(daemon_json)" ]; then
    daemon_json >"$DIR/daemon.json"
    restart=yes
  fi
  if pid=$(live_pid "$DOCKERD_PID" dockerd); then
    if [ "$restart" = yes ] || ! runs_in_namespace "$pid"; then
      stop_process "$DOCKERD_PID" dockerd
    elif wait_for "host B's dockerd (pid $pid)" 60 engine info; then
      return 0
    else
      die "host B's dockerd (pid $pid) runs but does not answer on $SOCK; see $DIR/dockerd.log"
    fi
  fi
  # A dockerd that was killed leaves its pid file; a new one refuses to start while it is there.
  # Its containerd's pid file too: a new dockerd would wait for that (dead) containerd to answer.
  rm -f "$DOCKERD_PID"
  live_pid "$DIR/exec/containerd/containerd.pid" containerd >/dev/null || rm -f "$DIR/exec/containerd/containerd.pid"
  mkdir -p "$DIR/data" "$DIR/exec"
  say "starting host B's dockerd in $NETNS (log: $DIR/dockerd.log)"
  # Its containerd is the one dockerd starts under --exec-root (the log names its socket); the
  # containerd namespace names keep it apart even if a system containerd were picked up instead.
  # A UTS namespace of its own gives it the host name "hostb" (the Name in `docker info`).
  setsid nsenter --net="$NETNS_PATH" unshare --uts -- sh -c 'hostname hostb && exec "$@"' hostb dockerd \
    --config-file "$DIR/daemon.json" \
    -H "unix://$SOCK" -H "tcp://$HOSTB_ADDR:$ENGINE_PORT" \
    --tlsverify --tlscacert "$TLS/ca.pem" --tlscert "$TLS/server-cert.pem" --tlskey "$TLS/server-key.pem" \
    --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$DOCKERD_PID" \
    --containerd-namespace dh-hostb --containerd-plugins-namespace dh-hostb-plugins \
    --bridge none --iptables=false --ip-forward=false \
    >"$DIR/dockerd.log" 2>&1 </dev/null 9>&- &
  local started=$! deadline=$((SECONDS + 60))   # setsid, nsenter, unshare and sh each exec the next
  until engine_answers; do
    alive "$started" || live_pid "$DOCKERD_PID" dockerd >/dev/null || { tail -20 "$DIR/dockerd.log" >&2; die "host B's dockerd exited; see $DIR/dockerd.log"; }
    [ $SECONDS -lt $deadline ] || { tail -20 "$DIR/dockerd.log" >&2; die "host B's dockerd did not answer within 60 s"; }
    sleep 0.3
  done
}

ensure_base_image() { ensure_busybox_image "host B's engine" engine; }

# --- host B's sshd ---------------------------------------------------------------------------
write_sshd_config() {
  cat <<CONFIG
# Host B's sshd (scripts/test-hosts.sh). Runs as root inside network namespace $NETNS.
Port $SSH_PORT
ListenAddress $HOSTB_ADDR
HostKey $HOST_KEY
PidFile $SSHD_PID
AuthorizedKeysFile $DIR/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin yes
UsePAM no
StrictModes no
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
PrintMotd no
# SHLVL=1: bash then counts itself nested and does not read root's ~/.bashrc for SSH commands
# (this machine's runs pyenv init; a pyenv rehash killed mid-way leaves a lock that made every
# later login wait 60 s).
SetEnv SHLVL=1
CONFIG
}

ensure_ssh_keys() {
  [ -f "$HOST_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C "hostb sshd" -f "$HOST_KEY"
  [ -f "$CLIENT_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C "docker-hosts tests" -f "$CLIENT_KEY"
  chmod 600 "$HOST_KEY" "$CLIENT_KEY"
  touch "$DIR/authorized_keys"
  grep -qxF "$(cat "$CLIENT_KEY.pub")" "$DIR/authorized_keys" || cat "$CLIENT_KEY.pub" >>"$DIR/authorized_keys"
  local known; known="$HOSTB_ADDR $(cut -d' ' -f1,2 "$HOST_KEY.pub")"
  [ "$(cat "$DIR/known_hosts" 2>/dev/null)" = "$known" ] || echo "$known" >"$DIR/known_hosts"
}

ensure_sshd() {
  local config pid
  config=$(write_sshd_config)
  ensure_ssh_keys
  if [ "$(cat "$SSHD_CONFIG" 2>/dev/null)" != "$config" ]; then
    printf '%s\n' "$config" >"$SSHD_CONFIG"
    stop_process "$SSHD_PID" sshd   # a running one still has the old configuration
  fi
  if pid=$(live_pid "$SSHD_PID" sshd); then
    runs_in_namespace "$pid" && wait_for "host B's sshd" 10 ssh_to_hostb true && return 0
    stop_process "$SSHD_PID" sshd
  fi
  rm -f "$SSHD_PID"
  mkdir -p /run/sshd   # sshd's privilege-separation directory
  /usr/sbin/sshd -t -f "$SSHD_CONFIG" || die "sshd rejects $SSHD_CONFIG"
  say "starting host B's sshd on $HOSTB_ADDR:$SSH_PORT (log: $DIR/sshd.log)"
  in_netns /usr/sbin/sshd -f "$SSHD_CONFIG" -E "$DIR/sshd.log" 9>&-   # it detaches by itself
  wait_for "host B's sshd" 15 ssh_to_hostb true || { tail -20 "$DIR/sshd.log" >&2; die "cannot log in to host B over ssh"; }
}

# --- commands --------------------------------------------------------------------------------
lock() {
  mkdir -p "$DIR"
  exec 9>"$DIR/lock"
  flock -w 120 9 || die "another test-hosts.sh is still busy (lock $DIR/lock)"
}

up() {
  lock
  local fresh_tls=no
  ensure_namespace
  ensure_tls && fresh_tls=yes
  ensure_dockerd "$fresh_tls"
  ensure_base_image
  ensure_sshd
  engine_over_tls version >/dev/null 2>&1 || die "host B's engine does not answer over TLS on $HOSTB_ADDR:$ENGINE_PORT"
  say "host B is up: engine tcp://$HOSTB_ADDR:$ENGINE_PORT (TLS, certs in $TLS) and unix://$SOCK; ssh root@$HOSTB_ADDR:$SSH_PORT"
}

down() {
  lock
  stop_process "$SSHD_PID" sshd
  stop_process "$DOCKERD_PID" dockerd
  if namespace_exists; then
    local leftover; leftover=$(ip netns pids "$NETNS" | tr '\n' ' ')
    if [ -n "${leftover// /}" ]; then
      # Only what host B's daemons started can be in there (containerd, shims).
      say "ending processes left in $NETNS: $leftover"
      # shellcheck disable=SC2086
      kill $leftover 2>/dev/null || true
      sleep 1
    fi
    say "removing network namespace $NETNS"
    ip netns del "$NETNS"
  fi
  ip link del "$HOST_IF" 2>/dev/null || true
  # A dockerd that was ever killed leaves mounts behind (its data root bind-mounted onto itself,
  # container layers); they would keep $DIR from being deleted. Deepest first.
  local mounted
  mounted=$(awk -v dir="$DIR" '$5 == dir || index($5, dir "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  if [ -n "$mounted" ]; then
    say "unmounting what host B's engine left mounted under $DIR"
    while read -r mounted; do umount "$mounted" 2>/dev/null || umount -l "$mounted" || true; done <<<"$mounted"
  fi
  say "host B is down (certificates, keys and engine data kept in $DIR)"
}

status() {
  local ok=yes pid
  CALL_TIMEOUT=8
  report() { printf '%-10s %s\n' "$1" "$2"; }
  if namespace_exists; then
    report namespace "$NETNS: host $HOST_ADDR ($HOST_IF) <-> $HOSTB_ADDR ($PEER_IF)"
  else
    report namespace "missing"; ok=no
  fi
  if pid=$(live_pid "$DOCKERD_PID" dockerd) && engine_answers; then
    report dockerd "pid $pid, Docker $(engine version -f '{{.Server.Version}}' 2>/dev/null), unix://$SOCK"
    if engine_over_tls version >/dev/null 2>&1; then
      report tls "tcp://$HOSTB_ADDR:$ENGINE_PORT answers with mutual TLS (certs in $TLS)"
    else
      report tls "tcp://$HOSTB_ADDR:$ENGINE_PORT does not answer over TLS"; ok=no
    fi
    if engine image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
      report image "$BASE_IMAGE present"
    else
      report image "$BASE_IMAGE missing"; ok=no
    fi
  else
    report dockerd "not running"; ok=no
  fi
  if pid=$(live_pid "$SSHD_PID" sshd) && ssh_to_hostb true 2>/dev/null; then
    report sshd "pid $pid, root@$HOSTB_ADDR:$SSH_PORT with $CLIENT_KEY; remote engine socket $SOCK"
  else
    report sshd "not running or login fails"; ok=no
  fi
  if [ $ok = yes ]; then echo "host B: up"; else echo "host B: down (run: bash scripts/test-hosts.sh up)"; return 1; fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
