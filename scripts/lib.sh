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

# alive PID [NAME]: the process exists, is not a zombie (a daemon's child killed along with it
# stays one until init reaps it, about a second) and, if NAME is given, runs that program (pids
# get reused).
alive() {
  local stat
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  [ -z "${2:-}" ] || [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ] || return 1
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }   # the state letter follows the parenthesised command name
  [ "${stat:0:1}" != Z ]
}

# live_pid FILE NAME: the pid in FILE, if that process is alive and is the program NAME.
live_pid() {
  local pid
  pid=$(cat "$1" 2>/dev/null) && alive "$pid" "$2" && echo "$pid"
}

# netns_exists NAME: `ip netns` knows the network namespace and its file is there.
netns_exists() {
  [ -e "/run/netns/$1" ] || return 1
  local names; names=$(ip netns list 2>/dev/null)
  [[ $'\n'$names =~ $'\n'$1( |$) ]]
}

# ensure_busybox_image WHERE DOCKER...: builds $BASE_IMAGE from busybox-static (no registry
# needed) into the engine the command DOCKER... talks to, unless it has it already.
ensure_busybox_image() {
  local where=$1; shift
  "$@" image inspect "$BASE_IMAGE" >/dev/null 2>&1 && return
  say "building $BASE_IMAGE into $where"
  local work; work=$(mktemp -d)
  cp /bin/busybox "$work/busybox"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["sh"]\n' >"$work/Dockerfile"
  if ! DOCKER_BUILDKIT=0 "$@" build -q -t "$BASE_IMAGE" "$work" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    rm -rf "$work"
    die "could not build $BASE_IMAGE into $where"
  fi
  rm -rf "$work"
}

# pids_in_ns KIND INODE: the processes whose namespace of that kind (net, mnt, pid) has that inode.
pids_in_ns() {
  [ -n "$2" ] || return 0
  { stat -L -c '%i %n' /proc/[0-9]*/ns/"$1" 2>/dev/null || true; } |
    awk -v ino="$2" '$1 == ino { split($2, p, "/"); print p[3] }'
}

# pids_named NAME...: of the pids on standard input, those running one of these programs (names
# as in /proc/PID/comm: at most 15 characters, so "containerd-shim" covers every shim).
pids_named() {
  local pid comm name
  while read -r pid; do
    read -r comm <"/proc/$pid/comm" 2>/dev/null || continue
    for name in "$@"; do
      if [ "$comm" = "$name" ]; then echo "$pid"; break; fi
    done
  done
  return 0
}

# terminate SECONDS WHAT PID...: SIGTERM, then SIGKILL to those still alive after SECONDS.
terminate() {
  local seconds=$1 what=$2 pid left; shift 2
  [ $# -gt 0 ] || return 0
  kill "$@" 2>/dev/null || true
  local deadline=$((SECONDS + seconds))
  while :; do
    left=()
    for pid in "$@"; do alive "$pid" && left+=("$pid"); done
    [ ${#left[@]} -gt 0 ] || return 0
    [ $SECONDS -lt $deadline ] || break
    sleep 0.1
  done
  say "$what did not stop in $seconds s: killing ${left[*]}"
  kill -KILL "${left[@]}" 2>/dev/null || true
  deadline=$((SECONDS + 5))
  for pid in "${left[@]}"; do
    while alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  done
}

# ensure_veth_pair NETNS HOST_IF PEER_IF HOST_ADDR: a veth pair between this machine (HOST_IF,
# HOST_ADDR/24, up) and network namespace NETNS (PEER_IF, addressed by the caller).
ensure_veth_pair() {
  local netns=$1 host_if=$2 peer_if=$3 host_addr=$4
  if ! nsenter --net="/run/netns/$netns" ip link show "$peer_if" >/dev/null 2>&1; then
    ip link del "$host_if" 2>/dev/null || true
    ip link add "$host_if" type veth peer name "$peer_if"
    ip link set "$peer_if" netns "$netns"
  fi
  ip addr replace "$host_addr/24" dev "$host_if"
  ip link set "$host_if" up
}

# ensure_debian_packages LOG PACKAGE...: installs those not installed yet (apt output in LOG).
# Waits for an apt/dpkg run of someone else rather than failing on its lock; apt-get update
# takes the lists lock, which DPkg::Lock::Timeout does not cover, so it is retried.
ensure_debian_packages() {
  local log=$1 package missing=() tries=0; shift
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "installing Debian packages: ${missing[*]} (log: $log)"
  mkdir -p "$(dirname "$log")"
  local wait=(-o DPkg::Lock::Timeout=900)
  export DEBIAN_FRONTEND=noninteractive
  until apt-get "${wait[@]}" update -qq >"$log" 2>&1; do
    tries=$((tries + 1))
    [ $tries -lt 90 ] || { tail -20 "$log" >&2; die "apt-get update failed (log: $log)"; }
    sleep 10
  done
  apt-get "${wait[@]}" install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1 ||
    { tail -20 "$log" >&2; die "apt-get install failed (log: $log)"; }
}

# The Debian archive this machine's apt uses (first one not commented out), and its security one
# (debootstrap for host D and the VM image: the same mirror apt has here).
apt_uris() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    sed -e 's/#.*//' | grep -oE '(https?|ftp)://[^[:space:]]+' | sed -e 's:/*$::' || true
}
debian_mirror() {
  local uri; uri=$(apt_uris | grep -E '/debian$' | head -1)
  echo "${DOCKER_HOSTS_DEBIAN_MIRROR:-${uri:-http://deb.debian.org/debian}}"
}
security_mirror() {
  local uri; uri=$(apt_uris | grep -E '/debian-security$' | head -1)
  echo "${DOCKER_HOSTS_DEBIAN_SECURITY_MIRROR:-${uri:-http://deb.debian.org/debian-security}}"
}

# Writes ROOT's apt sources (deb822) for SUITE from MIRROR and SECURITY, instead of debootstrap's
# sources.list. Host D's and the VM image's build scripts run it in their namespace: they get it
# as text (declare -f), since they are separate bash processes.
write_debian_sources() {
  local root=$1 mirror=$2 security=$3 suite=$4
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
}
