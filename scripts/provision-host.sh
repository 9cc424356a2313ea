#!/usr/bin/env bash
# "Host C": a plain Linux machine that already runs Docker, for the generic driver's provisioning
# tests. Unlike host B (scripts/test-hosts.sh) it is not prepared for remote use: its dockerd
# listens only on its default unix socket, and it has no init system, so a provisioner must
# restart that dockerd by hand (pid from /var/run/docker.pid, arguments from /proc/<pid>/cmdline).
#
# It lives in network namespace dh-hostc behind a veth pair (the host is 10.78.0.1; host C
# answers on BOTH 10.78.0.2 and 10.78.0.3, so tests can change the address it is known by),
# and in a mount and a UTS namespace of its own (host name "hostc") in which
#   /run (= /var/run)   is a fresh tmpfs      (docker.sock, docker.pid, the exec root /run/docker)
#   /etc/docker         is $DIR/root/etc-docker
#   /var/lib/docker     is $DIR/root/var-lib-docker
#   /var/log            is $DIR/root/var-log
# Everything else (/usr, /etc, /tmp, /root, ...) is the real machine's. So whatever a provisioner
# does to host C's /etc/docker, /var/run or dockerd never touches the local engine or host B.
# The namespaces are kept alive by bind mounts on $DIR/ns/mnt and $DIR/ns/uts.
#
# Usage: provision-host.sh up|down|status|reset
#   up      create whatever is missing and start whatever is not running (safe to repeat; a
#           running dockerd is left as it is, whatever its arguments)
#   down    stop host C's sshd, dockerd and everything else in its namespaces, and remove the
#           namespaces (keys and engine data stay, so the next `up` is quick)
#   status  print what runs; exit status 0 only when everything answers
#   reset   back to pristine, for the next provisioning test: stops every dockerd in host C
#           (and its containerd), empties its /etc/docker (except the engine's own key.json),
#           /var/run and /var/log/docker-hosts*, and starts the original dockerd again. sshd
#           keeps running.
#
# Everything host C owns is under $RUN_DIR/hostc ($DIR):
#   id_ed25519(.pub)       the test key authorised for root@10.78.0.2 / root@10.78.0.3
#   authorized_keys        host C's sshd accepts the keys in here
#   ssh_host_ed25519_key.pub, known_hosts   host C's sshd host key; known_hosts has a line for
#                          10.78.0.2, one for 10.78.0.3 and one for hostc
#   original-cmdline       the pristine dockerd's argv, NUL-separated like /proc/PID/cmdline
#                          (one argument, the label below, has a newline in it)
#   root/etc-docker root/var-lib-docker root/var-log   host C's /etc/docker, /var/lib/docker, /var/log
#   sshd.log               host C's sshd log; its dockerd logs to its /var/log/dockerd.log
#
# SSH to host C: `ssh -i $DIR/id_ed25519 -o UserKnownHostsFile=$DIR/known_hosts root@10.78.0.2`.
# There, `docker` talks to host C's engine on the default /var/run/docker.sock.
# From the host: `nsenter --net=/run/netns/dh-hostc --mount=$DIR/ns/mnt --uts=$DIR/ns/uts CMD`.
#
# The pristine dockerd carries a label full of shell syntax (quotes, $(), backticks, a backslash,
# a newline): a provisioner that re-runs its command line must pass it on verbatim and never run
# it. If the $(touch ...) in it ever runs, $HOSTILE_MARKER appears (`reset` removes it).
# test/support/hostC.ts has the same two constants.
#
# Traffic only ever goes to 127.0.0.0/8 and to 10.78.0.1-3, all made here.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NETNS=dh-hostc
NETNS_PATH=/run/netns/$NETNS
HOST_IF=dh-hostc0          # veth end that stays on the host
PEER_IF=dh-hostc1          # veth end inside the namespace
HOST_ADDR=10.78.0.1
HOSTC_ADDR=10.78.0.2
HOSTC_OTHER_ADDR=10.78.0.3
HOSTC_NAME=hostc
SSH_PORT=22

DIR=$RUN_DIR/hostc
NS_DIR=$DIR/ns
MNT_NS=$NS_DIR/mnt
UTS_NS=$NS_DIR/uts
ROOT=$DIR/root
ETC_DOCKER=$ROOT/etc-docker
VAR_LIB_DOCKER=$ROOT/var-lib-docker
VAR_LOG=$ROOT/var-log
ORIGINAL_CMDLINE=$DIR/original-cmdline
SSHD_PID=$DIR/sshd.pid
SSHD_CONFIG=$DIR/sshd_config
CLIENT_KEY=$DIR/id_ed25519
HOST_KEY=$DIR/ssh_host_ed25519_key
SYSTEM_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HOSTILE_MARKER=/tmp/docker-hosts-hostc-label-ran
HOSTILE_LABEL=$(printf '%s\n%s' "com.example.docker-hosts.note=it's \"quoted\" \$(touch $HOSTILE_MARKER) \`touch $HOSTILE_MARKER\` \\ ;" 'second line')

# Runs a command in host C: its network, mount and UTS namespaces. nsenter opens all three
# files before entering any, so they are found in the host's filesystem.
in_hostc() { nsenter --net="$NETNS_PATH" --mount="$MNT_NS" --uts="$UTS_NS" "$@"; }
# The docker CLI in host C, on host C's default socket (not the caller's DOCKER_HOST).
hostc_docker() { in_hostc docker -H unix:///var/run/docker.sock "$@"; }
ssh_to() { # ADDRESS COMMAND...
  local address=$1; shift
  ssh -n -i "$CLIENT_KEY" -p "$SSH_PORT" -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$DIR/known_hosts" -o GlobalKnownHostsFile=/dev/null "root@$address" "$@"
}
ssh_to_hostc() { ssh_to "$HOSTC_ADDR" "$@"; }

namespace_exists() { netns_exists "$NETNS"; }

# Both namespace files are bind mounts of live namespaces (not the plain files they start as).
mount_namespace_ok() { nsenter --mount="$MNT_NS" --uts="$UTS_NS" true 2>/dev/null; }

# Every process in host C: in its network namespace or in its mount namespace (one started
# while the other was being recreated would be in only one of them).
hostc_pids() {
  local net='' mnt=''
  namespace_exists && net=$(stat -L -c %i "$NETNS_PATH")
  mount_namespace_ok && mnt=$(stat -L -c %i "$MNT_NS")
  { pids_in_ns net "$net"; pids_in_ns mnt "$mnt"; } | sort -un
}

# --- the network namespace and its veth pair -------------------------------------------------
ensure_namespace() {
  if ! namespace_exists; then
    # Daemons still running in a namespace that was deleted under them would hold on to the
    # veth pair and the addresses; they go first.
    local stale; stale=$(hostc_pids)
    # shellcheck disable=SC2086
    [ -z "$stale" ] || { say "ending host C's processes left from an earlier namespace: ${stale//$'\n'/ }"; terminate 20 "host C's processes" $stale; }
    ip link del "$HOST_IF" 2>/dev/null || true
    say "creating network namespace $NETNS"
    ip netns add "$NETNS"
  fi
  ensure_veth_pair "$NETNS" "$HOST_IF" "$PEER_IF" "$HOST_ADDR"
  nsenter --net="$NETNS_PATH" sh -e -c '
    ip link set lo up
    ip addr replace "$1/24" dev "$3"
    ip addr replace "$2/24" dev "$3"
    ip link set "$3" up' sh "$HOSTC_ADDR" "$HOSTC_OTHER_ADDR" "$PEER_IF"
}

# --- the mount and UTS namespaces ------------------------------------------------------------
# Run inside host C's mount namespace (args: DIR RUN_DIR HOSTNAME); idempotent. The namespace
# starts as a private copy of the host's mounts, so it also holds copies of the host's /run
# sub-mounts (/run/netns/*: they would keep network namespaces alive after `ip netns del`), of
# the local engine's mounts under /var/lib/docker and of host B's; those are detached here.
# shellcheck disable=SC2016
MOUNT_SCRIPT='
set -euo pipefail
dir=$1 run_dir=$2 name=$3
root=$dir/root
# Mount points at or under PATH, deepest first.
under() { awk -v p="$1" '\''$5 == p || index($5, p "/") == 1 { print $5 }'\'' /proc/self/mountinfo | sort -ru; }
detach_under() { local m; for m in $(under "$1"); do umount -l "$m" 2>/dev/null || true; done; }
# The source of the topmost mount on PATH (mountinfo: ... - fstype source options).
top_source() {
  awk -v p="$1" '\''$5 == p { for (i = 7; i <= NF; i++) if ($i == "-") { s = $(i + 2); break } } END { print s }'\'' /proc/self/mountinfo
}
same() { [ "$(stat -L -c %d:%i "$1" 2>/dev/null)" = "$(stat -L -c %d:%i "$2")" ]; }
bind() { # SOURCE TARGET
  same "$2" "$1" && return 0
  mkdir -p "$2"
  detach_under "$2"
  mount --bind "$1" "$2"
}

[ "$(hostname)" = "$name" ] || hostname "$name"
detach_under "$run_dir"   # copies of host B'\''s mounts and of $DIR/ns itself
if [ "$(top_source /run)" != hostc-run ]; then
  detach_under /run
  mount -t tmpfs -o nosuid,nodev,mode=755,size=65536k hostc-run /run
fi
mkdir -p /run/sshd /run/lock
chmod 755 /run/sshd
chmod 1777 /run/lock
[ -e /run/shm ] || ln -s /dev/shm /run/shm
if [ "$(readlink -f /var/run)" != /run ]; then bind /run /var/run; fi
bind "$root/etc-docker" /etc/docker
bind "$root/var-lib-docker" /var/lib/docker
bind "$root/var-log" /var/log
'

ensure_mount_namespace() {
  mkdir -p "$NS_DIR" "$ETC_DOCKER" "$VAR_LIB_DOCKER" "$VAR_LOG"
  if ! mount_namespace_ok; then
    # Processes of an earlier host C (say, in a namespace whose files were unmounted) would
    # still hold the address and port 22.
    local stale; stale=$(hostc_pids)
    # shellcheck disable=SC2086
    [ -z "$stale" ] || { say "ending host C's processes left from earlier namespaces: ${stale//$'\n'/ }"; terminate 20 "host C's processes" $stale; }
    while mountpoint -q "$MNT_NS"; do umount "$MNT_NS"; done
    while mountpoint -q "$UTS_NS"; do umount "$UTS_NS"; done
    # A namespace file may only be bind-mounted where the mount does not propagate into that
    # very namespace: $NS_DIR becomes a private mount of its own.
    mountpoint -q "$NS_DIR" || mount --bind "$NS_DIR" "$NS_DIR"
    mount --make-private "$NS_DIR"
    touch "$MNT_NS" "$UTS_NS"
    say "creating host C's mount and UTS namespaces (kept on $MNT_NS and $UTS_NS)"
    unshare --mount="$MNT_NS" --uts="$UTS_NS" --propagation private true
  fi
  in_hostc bash -c "$MOUNT_SCRIPT" mount-hostc "$DIR" "$RUN_DIR" "$HOSTC_NAME" || die "could not set up host C's mounts"
}

# --- host C's dockerd ------------------------------------------------------------------------
# The pristine dockerd's argv, NUL-terminated: default paths (all of them private to host C), no
# -H (so no TCP), and the hostile label.
original_cmdline() {
  printf '%s\0' "$(command -v dockerd || echo /usr/sbin/dockerd)" \
    --bridge none --iptables=false --ip-forward=false \
    --containerd-namespace dh-hostc --containerd-plugins-namespace dh-hostc-plugins \
    --label "$HOSTILE_LABEL"
}

ensure_original_cmdline() {
  cmp -s <(original_cmdline) "$ORIGINAL_CMDLINE" 2>/dev/null || original_cmdline >"$ORIGINAL_CMDLINE"
}

engine_answers() { hostc_docker version >/dev/null 2>&1; }

# The dockerd named by host C's /var/run/docker.pid, if it is alive.
hostc_dockerd_pid() {
  local pid
  pid=$(in_hostc cat /var/run/docker.pid 2>/dev/null) && alive "$pid" dockerd && echo "$pid"
}

# Stops every dockerd in host C (whatever started it) and then whatever containerd, shim or
# proxy is left of them.
stop_engines() {
  local pids
  pids=$(hostc_pids | pids_named dockerd)
  # shellcheck disable=SC2086
  [ -z "$pids" ] || { say "stopping host C's dockerd (pid ${pids//$'\n'/ })"; terminate 20 "host C's dockerd" $pids; }
  # A dockerd that was killed leaves its containers running under their shims. A container's
  # process is a child of its shim (in namespaces of its own); as pid 1 of its pid namespace,
  # killing it ends the whole container.
  local shim containers=()
  for shim in $(hostc_pids | pids_named containerd-shim); do
    containers+=($(ps -o pid= --ppid "$shim" || true))
  done
  [ ${#containers[@]} -eq 0 ] || { say "killing the containers a killed dockerd left (pid ${containers[*]})"; kill -KILL "${containers[@]}" 2>/dev/null || true; }
  pids=$(hostc_pids | pids_named containerd containerd-shim docker-proxy runc)
  # shellcheck disable=SC2086
  [ -z "$pids" ] || { say "ending what host C's dockerd left running (pid ${pids//$'\n'/ })"; terminate 5 "host C's containerd" $pids; }
}

start_dockerd() {
  local cmd started deadline
  mapfile -d '' -t cmd <"$ORIGINAL_CMDLINE"
  # A dockerd that was killed leaves its pid file (a new one refuses to start) and its
  # containerd's (a new dockerd would wait for that dead containerd to answer).
  in_hostc rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid
  say "starting host C's dockerd: ${cmd[*]:0:${#cmd[@]}-2} --label <hostile> (log: host C's /var/log/dockerd.log, $VAR_LOG/dockerd.log)"
  # As a plain host without init would: detached, in its own session, at /, with a clean
  # environment, output to /var/log. setsid, nsenter, env and sh each exec the next.
  setsid nsenter --net="$NETNS_PATH" --mount="$MNT_NS" --uts="$UTS_NS" \
    env -i PATH="$SYSTEM_PATH" sh -c 'exec "$@" >/var/log/dockerd.log 2>&1' sh "${cmd[@]}" \
    </dev/null >/dev/null 2>&1 9>&- &
  started=$! deadline=$((SECONDS + 60))
  until engine_answers; do
    alive "$started" || hostc_dockerd_pid >/dev/null || { tail -20 "$VAR_LOG/dockerd.log" >&2; die "host C's dockerd exited; see $VAR_LOG/dockerd.log"; }
    [ $SECONDS -lt $deadline ] || { tail -20 "$VAR_LOG/dockerd.log" >&2; die "host C's dockerd did not answer within 60 s"; }
    sleep 0.2
  done
}

ensure_dockerd() {
  local pid
  if pid=$(hostc_dockerd_pid); then
    wait_for "host C's dockerd (pid $pid)" 60 engine_answers && return 0
    die "host C's dockerd (pid $pid) runs but does not answer on its /var/run/docker.sock; see $VAR_LOG/dockerd.log"
  fi
  stop_engines   # one without a pid file, or a containerd orphaned by a killed dockerd
  start_dockerd
}

ensure_base_image() { ensure_busybox_image "host C's engine" hostc_docker; }

# Back to pristine: no dockerd but the original, an empty /etc/docker (but for the key.json
# dockerd 20.10 makes itself: it is the engine's identity, as on a real machine), a fresh
# /var/run, no /var/log/docker-hosts*.
clean_state() {
  stop_engines
  # shellcheck disable=SC2016
  in_hostc bash -c '
    set -uo pipefail
    detach() { local m; for m in $(awk -v p="$1" '\''index($5, p "/") == 1 { print $5 }'\'' /proc/self/mountinfo | sort -ru); do umount -l "$m" 2>/dev/null; done; }
    detach /run               # network namespaces of containers a killed dockerd left
    detach /var/lib/docker    # their layers
    find /run -mindepth 1 -maxdepth 1 ! -name sshd ! -name lock ! -name shm -exec rm -rf {} +
    find /etc/docker -mindepth 1 -maxdepth 1 ! -name key.json -exec rm -rf {} +
    rm -rf /var/log/docker-hosts*
    true' || die "could not clean host C's /run, /etc/docker and /var/log"
}

# --- host C's sshd ---------------------------------------------------------------------------
write_sshd_config() {
  cat <<CONFIG
# Host C's sshd (scripts/provision-host.sh). Runs as root in host C's namespaces.
Port $SSH_PORT
ListenAddress 0.0.0.0
HostKey $HOST_KEY
PidFile $SSHD_PID
AuthorizedKeysFile $DIR/authorized_keys .ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin yes
UsePAM no
StrictModes no
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
PrintMotd no
Subsystem sftp /usr/lib/openssh/sftp-server
# SHLVL=1: bash then counts itself nested and does not read root's ~/.bashrc for SSH commands
# (this machine's runs pyenv init; a pyenv rehash killed mid-way leaves a lock that made every
# later login wait 60 s).
SetEnv SHLVL=1
CONFIG
}

ensure_ssh_keys() {
  [ -f "$HOST_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C "hostc sshd" -f "$HOST_KEY"
  [ -f "$CLIENT_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C "docker-hosts tests (host C)" -f "$CLIENT_KEY"
  chmod 600 "$HOST_KEY" "$CLIENT_KEY"
  touch "$DIR/authorized_keys"
  grep -qxF "$(cat "$CLIENT_KEY.pub")" "$DIR/authorized_keys" || cat "$CLIENT_KEY.pub" >>"$DIR/authorized_keys"
  local key known name; key=$(cut -d' ' -f1,2 "$HOST_KEY.pub")
  known=$(for name in "$HOSTC_ADDR" "$HOSTC_OTHER_ADDR" "$HOSTC_NAME"; do echo "$name $key"; done)
  [ "$(cat "$DIR/known_hosts" 2>/dev/null)" = "$known" ] || echo "$known" >"$DIR/known_hosts"
}

# Two logins besides root, for provisioning as an ordinary user: dh-sudo may use sudo without a
# password (like the default user of most cloud images), dh-plain may not use sudo at all. Both
# log in with the test key, from their own ~/.ssh/authorized_keys (sshd reads it as the user, and
# $DIR is root's). /etc and /home are shared with the real machine, so these accounts exist there
# too; they have no password.
ensure_test_users() {
  local user rule='dh-sudo ALL=(ALL) NOPASSWD:ALL'
  command -v sudo >/dev/null || die "sudo is missing (scripts/setup.sh test installs it)"
  for user in dh-sudo dh-plain; do
    id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh "$user"
    # A "!" (locked) password makes sshd refuse even key logins when PAM is off; "*" only means none.
    [ "$(getent shadow "$user" | cut -d: -f2)" = '*' ] || usermod -p '*' "$user"
    local home; home=$(getent passwd "$user" | cut -d: -f6)
    if ! cmp -s "$CLIENT_KEY.pub" "$home/.ssh/authorized_keys"; then
      install -d -m 700 -o "$user" -g "$user" "$home/.ssh"
      install -m 600 -o "$user" -g "$user" "$CLIENT_KEY.pub" "$home/.ssh/authorized_keys"
    fi
  done
  if [ "$(cat /etc/sudoers.d/dh-sudo 2>/dev/null)" != "$rule" ]; then
    echo "$rule" >/etc/sudoers.d/dh-sudo
    chmod 440 /etc/sudoers.d/dh-sudo
  fi
}

# True when PID is in host C's network and mount namespaces.
in_hostc_namespaces() {
  [ "$(stat -L -c %i "/proc/$1/ns/net" 2>/dev/null)" = "$(stat -L -c %i "$NETNS_PATH")" ] &&
    [ "$(stat -L -c %i "/proc/$1/ns/mnt" 2>/dev/null)" = "$(stat -L -c %i "$MNT_NS")" ]
}

stop_sshd() {
  local pid
  if pid=$(live_pid "$SSHD_PID" sshd); then
    say "stopping host C's sshd (pid $pid)"
    terminate 30 "host C's sshd" "$pid"
  fi
  rm -f "$SSHD_PID"
}

ensure_sshd() {
  local config pid
  config=$(write_sshd_config)
  ensure_ssh_keys
  if [ "$(cat "$SSHD_CONFIG" 2>/dev/null)" != "$config" ]; then
    printf '%s\n' "$config" >"$SSHD_CONFIG"
    stop_sshd   # a running one still has the old configuration
  fi
  if pid=$(live_pid "$SSHD_PID" sshd); then
    in_hostc_namespaces "$pid" && wait_for "host C's sshd" 10 ssh_to_hostc true && return 0
    stop_sshd
  fi
  rm -f "$SSHD_PID"
  in_hostc /usr/sbin/sshd -t -f "$SSHD_CONFIG" || die "sshd rejects $SSHD_CONFIG"
  say "starting host C's sshd on 0.0.0.0:$SSH_PORT ($HOSTC_ADDR, $HOSTC_OTHER_ADDR; log: $DIR/sshd.log)"
  in_hostc /usr/sbin/sshd -f "$SSHD_CONFIG" -E "$DIR/sshd.log" 9>&-   # it detaches by itself
  wait_for "host C's sshd" 15 ssh_to_hostc true || { tail -20 "$DIR/sshd.log" >&2; die "cannot log in to host C over ssh"; }
  ssh_to "$HOSTC_OTHER_ADDR" true || die "cannot log in to host C over ssh at $HOSTC_OTHER_ADDR"
}

# --- commands --------------------------------------------------------------------------------
lock() {
  mkdir -p "$DIR"
  exec 9>"$DIR/lock"
  flock -w 120 9 || die "another provision-host.sh is still busy (lock $DIR/lock)"
}

bring_up() {
  ensure_namespace
  ensure_mount_namespace
  ensure_original_cmdline
  ensure_dockerd
  ensure_base_image
  ensure_sshd
  ensure_test_users
}

up() {
  lock
  bring_up
  say "host C is up: ssh root@$HOSTC_ADDR (or $HOSTC_OTHER_ADDR):$SSH_PORT with $CLIENT_KEY; its engine on its own /var/run/docker.sock only"
}

reset() {
  lock
  if namespace_exists && mount_namespace_ok; then clean_state; fi
  rm -f "$HOSTILE_MARKER"
  bring_up
  # Containers earlier tests made (the engine's data root is kept, for the image's sake).
  local containers; containers=$(hostc_docker ps -aq)
  # shellcheck disable=SC2086
  [ -z "$containers" ] || hostc_docker rm -f $containers >/dev/null
  say "host C reset: dockerd pid $(hostc_dockerd_pid) runs its original command line; /etc/docker is pristine"
}

down() {
  lock
  stop_sshd
  stop_engines
  local leftover; leftover=$(hostc_pids)
  # shellcheck disable=SC2086
  [ -z "$leftover" ] || { say "ending processes left in host C: ${leftover//$'\n'/ }"; terminate 5 "host C's processes" $leftover; }
  if mountpoint -q "$MNT_NS" || mountpoint -q "$UTS_NS"; then
    say "removing host C's mount and UTS namespaces"
    while mountpoint -q "$MNT_NS"; do umount "$MNT_NS" || umount -l "$MNT_NS"; done
    while mountpoint -q "$UTS_NS"; do umount "$UTS_NS" || umount -l "$UTS_NS"; done
  fi
  if namespace_exists; then
    say "removing network namespace $NETNS"
    ip netns del "$NETNS"
  fi
  ip link del "$HOST_IF" 2>/dev/null || true
  local mounted
  mounted=$(awk -v dir="$DIR" '$5 == dir || index($5, dir "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  if [ -n "$mounted" ]; then
    while read -r mounted; do umount "$mounted" 2>/dev/null || umount -l "$mounted" || true; done <<<"$mounted"
  fi
  say "host C is down (keys and engine data kept in $DIR)"
}

status() {
  local ok=yes pid
  report() { printf '%-10s %s\n' "$1" "$2"; }
  if namespace_exists; then
    report namespace "$NETNS: host $HOST_ADDR ($HOST_IF) <-> $HOSTC_ADDR, $HOSTC_OTHER_ADDR ($PEER_IF)"
  else
    report namespace "missing"; ok=no
  fi
  if namespace_exists && mount_namespace_ok; then
    report mounts "host name $(in_hostc hostname); /etc/docker, /var/lib/docker, /var/log from $ROOT; /run is its own tmpfs"
    if pid=$(hostc_dockerd_pid) && engine_answers; then
      local argv tcp
      argv=$(tr '\0\n' ' ~' <"/proc/$pid/cmdline")
      if cat "/proc/$pid/cmdline" | cmp -s - "$ORIGINAL_CMDLINE"; then   # (cmp -s alone trusts /proc's size 0)
        argv="original: $argv"
      else
        argv="NOT the original: $argv"
      fi
      report dockerd "pid $pid, Docker $(hostc_docker version -f '{{.Server.Version}}' 2>/dev/null), $argv"
      tcp=$(in_hostc ss -Hltnp 2>/dev/null | awk '/"dockerd"/ { printf "%s ", $4 }')
      report tcp "${tcp:-dockerd listens on no TCP port}"
      if hostc_docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
        report image "$BASE_IMAGE present"
      else
        report image "$BASE_IMAGE missing"; ok=no
      fi
    else
      report dockerd "not running or not answering on host C's /var/run/docker.sock"; ok=no
    fi
  else
    report mounts "host C's mount namespace missing"; ok=no
  fi
  if pid=$(live_pid "$SSHD_PID" sshd) && ssh_to_hostc true 2>/dev/null; then
    report sshd "pid $pid, root@$HOSTC_ADDR:$SSH_PORT (and $HOSTC_OTHER_ADDR) with $CLIENT_KEY"
  else
    report sshd "not running or login fails"; ok=no
  fi
  [ ! -e "$HOSTILE_MARKER" ] || { report label "$HOSTILE_MARKER exists: the label's \$(touch ...) was run by a shell (reset removes it)"; }
  if [ $ok = yes ]; then echo "host C: up"; else echo "host C: down (run: bash scripts/provision-host.sh up)"; return 1; fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  reset) reset ;;
  *) echo "usage: $0 up|down|status|reset" >&2; exit 2 ;;
esac
