#!/usr/bin/env bash
# "Host D": a bare Debian machine WITHOUT Docker, for the generic driver's tests that install
# Docker from the distribution's packages (apt-get install docker.io) for real. Nothing it
# installs touches this machine's packages: host D's whole filesystem is its own, a Debian
# bookworm made by `debootstrap --variant=minbase` with openssh-server, sudo, ca-certificates,
# iproute2 and procps (and their dependencies), and no init system.
#
# Host D is a set of namespaces around that root filesystem, like a container without a runtime:
#   network  dh-hostd, behind a veth pair: the host is 10.79.0.1 (dh-hostd0), host D 10.79.0.2
#            (dh-hostd1), default route via the host. This machine masquerades 10.79.0.0/24 out
#            of its default-route interface (three iptables rules tagged "docker-hosts-hostd"),
#            so apt inside host D reaches the Debian mirror; /etc/resolv.conf is this machine's.
#   mount    private; its / is a tmpfs (at most $ROOT_SIZE) into which the prepared root
#            filesystem is unpacked from a tarball at every start, and pivot_root'ed to, so
#            nothing of this machine's mounts is left in it and nothing host D does reaches this
#            machine's disk. It has its own /proc, /sys (+ this machine's /sys/fs/cgroup
#            hierarchies, for a dockerd), a small /dev (tmpfs with null, zero, full, random,
#            urandom, tty, its own devpts instance, /dev/shm) and a fresh /run.
#   pid      its own: the host's processes are invisible in it, and its pid 1 (a bash that only
#            reaps orphans) takes every process of host D with it when it is killed.
#   uts, ipc its own; host name "hostd".
# In it, sshd runs from the root filesystem (its own /etc/ssh) on 0.0.0.0:22: root logs in with
# the test key only. /etc/docker/daemon.json is pre-seeded (host D's admin's own settings, which
# provisioning must keep): {"bridge": "none", "iptables": false, "ip-forward": false,
# "storage-driver": "vfs"}, so a Docker installed there leaves this machine's docker0 and
# iptables alone. /usr/sbin/policy-rc.d says 101, so apt starts no service: a provisioner starts
# dockerd itself.
#
# Usage: bare-host.sh up|down|status|reset|exec COMMAND...
#   up      create whatever is missing and start whatever is not running (safe to repeat; a
#           running host D is left as it is, Docker installed or not). The first run builds the
#           root filesystem with debootstrap (minutes) and keeps it as a tarball.
#   down    stop every process of host D (its root filesystem goes with them), remove the
#           iptables rules, the namespace and the veth pair (the tarball and the keys stay)
#   status  print what runs; exit status 0 only when root can log in over SSH and the NAT rules
#           are in place
#   reset   back to pristine, for the next test: every process of host D is killed (which
#           frees its tmpfs root and every mount in it), the cgroups its containers left and its
#           network namespace are removed, and host D is started again on a fresh copy of the
#           tarball: Docker not installed, daemon.json the pre-seeded one. SSH connections to
#           it are cut. Takes a second or two.
#   exec    run COMMAND in host D as root (its namespaces and root filesystem), e.g.
#           `bare-host.sh exec apt-get update`
#
# Files: $CACHE_DIR/hostd-rootfs-bookworm-v$RECIPE.tar (the prepared root filesystem; delete it
# to build it again) and, under $RUN_DIR/hostd ($DIR):
#   rootfs                 host D's / as seen from this machine: a symbolic link to
#                          /proc/<its pid 1>/root, so it dangles while host D is down
#                          (read-only use, please)
#   mnt/                   empty; host D's tmpfs root is mounted on it in host D's namespace only
#   id_ed25519(.pub)       the test key authorised for root@10.79.0.2
#   known_hosts            host D's sshd key (from the tarball) for 10.79.0.2 and hostd
#   init.pid               this machine's pid of host D's pid 1 (enter with nsenter -t PID)
#   hostd-init.sh          what host D's pid 1 runs first (unpack, mount, pivot_root)
#   init.log, build.log    output of host D's start and of the debootstrap build
# host D's sshd logs to its /var/log/sshd.log.
#
# SSH to host D: `ssh -i $DIR/id_ed25519 -o UserKnownHostsFile=$DIR/known_hosts root@10.79.0.2`.
# From the host: `nsenter -t $(cat $DIR/init.pid) --mount --uts --ipc --net --pid CMD`.
# test/support/hostD.ts has the same paths.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NETNS=dh-hostd
NETNS_PATH=/run/netns/$NETNS
HOST_IF=dh-hostd0          # veth end that stays on the host
PEER_IF=dh-hostd1          # veth end inside the namespace
HOST_ADDR=10.79.0.1
HOSTD_ADDR=10.79.0.2
SUBNET=10.79.0.0/24
HOSTD_NAME=hostd
NAT_TAG=docker-hosts-hostd # comment on this machine's iptables rules for host D
SUITE=bookworm
PACKAGES=openssh-server,sudo,ca-certificates,iproute2,procps
RECIPE=1                   # bump when BUILD_SCRIPT or PACKAGES change: the next up builds a new tarball
ROOT_SIZE=4g               # host D's tmpfs root: the system (250 MB) + Docker (500 MB) + images

DIR=$RUN_DIR/hostd
ROOTFS=$DIR/rootfs                 # -> /proc/<host D's pid 1>/root
ROOT_MNT=$DIR/mnt
TARBALL=$CACHE_DIR/hostd-rootfs-$SUITE-v$RECIPE.tar
INIT_PID=$DIR/init.pid
INIT_NS=$DIR/init.ns               # inodes of host D's pid and mount namespaces
CLIENT_KEY=$DIR/id_ed25519
KNOWN_HOSTS=$DIR/known_hosts
SYSTEM_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
TAR_OPTIONS=(--numeric-owner --xattrs --xattrs-include='*')

ssh_to_hostd() {
  ssh -n -i "$CLIENT_KEY" -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null "root@$HOSTD_ADDR" "$@"
}

namespace_exists() { netns_exists "$NETNS"; }
inode() { stat -L -c %i "$1" 2>/dev/null; }

# The pid in $INIT_PID if that process is still host D's pid 1: bash, pid 1 of its own pid
# namespace, and that namespace is the one recorded when it started (namespace inode numbers are
# reused, but not while the namespace lives). Whether it is still in dh-hostd is not checked.
recorded_init() {
  local pid pid_ns mnt_ns
  pid=$(cat "$INIT_PID" 2>/dev/null) && alive "$pid" bash || return 1
  read -r pid_ns mnt_ns <"$INIT_NS" 2>/dev/null || return 1
  [ -n "$pid_ns" ] && [ "$(inode "/proc/$pid/ns/pid")" = "$pid_ns" ] || return 1
  awk '/^NSpid:/ { found = NF > 2 && $NF == 1 } END { exit !found }' "/proc/$pid/status" 2>/dev/null || return 1
  echo "$pid"
}

# Every process of host D (this machine's pids): in its network namespace, or in the pid or mount
# namespace of its live pid 1 (a process can be in one and not the others). Once that pid 1 is
# gone, the kernel has killed everything else in its pid namespace.
hostd_pids() {
  local net='' init pid_ns='' mnt_ns=''
  namespace_exists && net=$(inode "$NETNS_PATH")
  if init=$(recorded_init); then
    pid_ns=$(inode "/proc/$init/ns/pid")
    mnt_ns=$(inode "/proc/$init/ns/mnt")
  fi
  { pids_in_ns net "$net"; pids_in_ns pid "$pid_ns"; pids_in_ns mnt "$mnt_ns"; } | sort -un
}

# --- the root filesystem ---------------------------------------------------------------------
# debian_mirror and security_mirror: scripts/lib.sh.

# Run as pid 1 of a private mount and pid namespace (args: ROOT MIRROR SECURITY SUITE PACKAGES
# NAME ADDRESS), so that the mounts debootstrap and apt make and any daemon a package's scripts
# might start all end with it. Uses this machine's network and resolv.conf.
# shellcheck disable=SC2016
BUILD_SCRIPT='
set -euo pipefail
root=$1 mirror=$2 security=$3 suite=$4 packages=$5 name=$6 address=$7
debootstrap --variant=minbase "$suite" "$root" "$mirror"

# No init system: apt must not try to start services (the provisioner starts dockerd itself).
cat >"$root/usr/sbin/policy-rc.d" <<EOF
#!/bin/sh
# Host D (scripts/bare-host.sh) has no init system: packages start no service.
exit 101
EOF
chmod 755 "$root/usr/sbin/policy-rc.d"

write_debian_sources "$root" "$mirror" "$security" "$suite"
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo "$name" >"$root/etc/hostname"
printf "127.0.0.1\tlocalhost\n%s\t%s\n::1\tlocalhost ip6-localhost ip6-loopback\n" "$address" "$name" >"$root/etc/hosts"

mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
in_root() {
  chroot "$root" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
in_root apt-get update -q
in_root apt-get upgrade -y -q
in_root apt-get install -y -q --no-install-recommends ${packages//,/ }
in_root apt-get clean

# Root logs in with the test key (bare-host.sh writes /root/.ssh/authorized_keys at every up).
cat >"$root/etc/ssh/sshd_config" <<EOF
# Host D (scripts/bare-host.sh): root logs in with a key, nothing else.
Include /etc/ssh/sshd_config.d/*.conf
Port 22
ListenAddress 0.0.0.0
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
X11Forwarding no
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
EOF
[ -f "$root/etc/ssh/ssh_host_ed25519_key" ] || in_root ssh-keygen -q -t ed25519 -N "" -C "root@$name" -f /etc/ssh/ssh_host_ed25519_key
install -d -m 700 "$root/root/.ssh"

# Host D'\''s admin'\''s own Docker settings, before there is any Docker: provisioning must keep them.
install -d -m 755 "$root/etc/docker"
printf "%s\n" "{\"bridge\": \"none\", \"iptables\": false, \"ip-forward\": false, \"storage-driver\": \"vfs\"}" >"$root/etc/docker/daemon.json"
umount "$root/proc"
'

build_tarball() {
  command -v debootstrap >/dev/null || die "debootstrap is missing (scripts/setup.sh test installs it)"
  local work mirror security started=$SECONDS
  mirror=$(debian_mirror)
  security=$(security_mirror)
  rm -rf --one-file-system "$CACHE_DIR"/hostd-build.*   # left by an interrupted build (we hold the lock)
  work=$(mktemp -d "$CACHE_DIR/hostd-build.XXXXXX")
  say "building host D's root filesystem: debootstrap --variant=minbase $SUITE $mirror, then $PACKAGES (a few minutes; log: $DIR/build.log)"
  if ! (cd / && unshare --mount --pid --fork --kill-child --propagation private -- \
        bash -c "$(declare -f write_debian_sources)$BUILD_SCRIPT" build-hostd "$work/rootfs" "$mirror" "$security" "$SUITE" "$PACKAGES" "$HOSTD_NAME" "$HOSTD_ADDR") \
        </dev/null >"$DIR/build.log" 2>&1 9>&-; then
    tail -30 "$DIR/build.log" >&2
    rm -rf --one-file-system "$work"
    die "could not build host D's root filesystem (log: $DIR/build.log)"
  fi
  tar "${TAR_OPTIONS[@]}" -C "$work/rootfs" -cf "$work/rootfs.tar" .
  mv "$work/rootfs.tar" "$TARBALL"
  rm -rf --one-file-system "$work"
  find "$CACHE_DIR" -maxdepth 1 -name 'hostd-rootfs-*.tar' ! -name "$(basename "$TARBALL")" -delete   # older recipes
  say "built $TARBALL ($(du -m "$TARBALL" | cut -f1) MB) in $((SECONDS - started)) s"
}

# What is this machine's rather than the tarball's: the test key, the resolver, known_hosts.
ensure_rootfs_files() {
  [ -f "$CLIENT_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C "docker-hosts tests (host D)" -f "$CLIENT_KEY"
  chmod 600 "$CLIENT_KEY"
  if ! cmp -s "$CLIENT_KEY.pub" "$ROOTFS/root/.ssh/authorized_keys"; then
    install -d -m 700 -o 0 -g 0 "$ROOTFS/root/.ssh"
    install -m 600 -o 0 -g 0 "$CLIENT_KEY.pub" "$ROOTFS/root/.ssh/authorized_keys"
  fi
  cmp -s /etc/resolv.conf "$ROOTFS/etc/resolv.conf" || cat /etc/resolv.conf >"$ROOTFS/etc/resolv.conf"
  local key known name
  key=$(cut -d' ' -f1,2 "$ROOTFS/etc/ssh/ssh_host_ed25519_key.pub") || die "host D's root filesystem has no ssh host key"
  known=$(for name in "$HOSTD_ADDR" "$HOSTD_NAME"; do echo "$name $key"; done)
  [ "$(cat "$KNOWN_HOSTS" 2>/dev/null)" = "$known" ] || echo "$known" >"$KNOWN_HOSTS"
}

# --- the network namespace, its veth pair and NAT -------------------------------------------
ensure_namespace() {
  if ! namespace_exists; then
    stop_hostd   # processes of a host D whose namespace was deleted would hold the veth pair
    ip link del "$HOST_IF" 2>/dev/null || true
    say "creating network namespace $NETNS"
    ip netns add "$NETNS"
  fi
  ensure_veth_pair "$NETNS" "$HOST_IF" "$PEER_IF" "$HOST_ADDR"
  nsenter --net="$NETNS_PATH" sh -e -c '
    ip link set lo up
    ip addr replace "$1/24" dev "$2"
    ip link set "$2" up
    ip route replace default via "$3"' sh "$HOSTD_ADDR" "$PEER_IF" "$HOST_ADDR"
}

# Host D's processes must be stopped first.
remove_namespace() {
  if namespace_exists; then
    say "removing network namespace $NETNS"
    ip netns del "$NETNS"
  fi
  ip link del "$HOST_IF" 2>/dev/null || true
}

wan_if() { ip -4 route show default | awk '{ for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit } }'; }

# The rules, one a line: TABLE CHAIN MATCH... (host D's traffic out of WAN and its replies only).
nat_rules() {
  local wan=$1 tag=(-m comment --comment "$NAT_TAG")
  echo "nat POSTROUTING -s $SUBNET -o $wan ${tag[*]} -j MASQUERADE"
  echo "filter FORWARD -i $HOST_IF -o $wan -s $SUBNET ${tag[*]} -j ACCEPT"
  echo "filter FORWARD -i $wan -o $HOST_IF -d $SUBNET -m conntrack --ctstate RELATED,ESTABLISHED ${tag[*]} -j ACCEPT"
}

# This machine's rules tagged for host D, as `TABLE -A CHAIN ...` lines.
tagged_rules() {
  local table
  for table in nat filter; do
    iptables -w -t "$table" -S 2>/dev/null | grep -F -- "--comment $NAT_TAG" | sed -e "s/^/$table /" || true
  done
}

nat_ok() {
  local wan table chain spec; wan=$(wan_if)
  [ -n "$wan" ] || return 1
  [ "$(tagged_rules | wc -l)" -eq 3 ] || return 1
  while read -r table chain spec; do
    # shellcheck disable=SC2086
    iptables -w -t "$table" -C "$chain" $spec 2>/dev/null || return 1
  done < <(nat_rules "$wan")
}

remove_nat() {
  local table action rule
  while read -r table action rule; do
    [ "$action" = -A ] || continue
    # shellcheck disable=SC2086
    iptables -w -t "$table" -D $rule || true
  done < <(tagged_rules)
}

ensure_nat() {
  local wan table chain spec; wan=$(wan_if)
  [ -n "$wan" ] || die "this machine has no IPv4 default route: host D could not reach the Debian mirror"
  if [ "$(cat /proc/sys/net/ipv4/ip_forward)" != 1 ]; then
    say "enabling net.ipv4.ip_forward (host D reaches the Debian mirror through this machine)"
    sysctl -qw net.ipv4.ip_forward=1
  fi
  nat_ok && return 0
  remove_nat   # rules for an earlier default-route interface, or half of them
  say "masquerading $SUBNET (host D) out of $wan"
  while read -r table chain spec; do
    # shellcheck disable=SC2086
    iptables -w -t "$table" -I "$chain" 1 $spec
  done < <(nat_rules "$wan")
}

# --- host D's namespaces and pid 1 -----------------------------------------------------------
# Run by this machine's /bin/sh as pid 1 of host D's new pid, mount, UTS and IPC namespaces (in
# its network namespace); args: MOUNT-POINT TARBALL SIZE NAME. Unpacks TARBALL into a new tmpfs
# on MOUNT-POINT, mounts host D's filesystems in it, pivots into it (this machine's mounts are
# dropped from the namespace) and becomes host D's init: a bash that does nothing but reap the
# orphans reparented to it.
# shellcheck disable=SC2016
INIT_SCRIPT='
set -eu
root=$1 tarball=$2 size=$3 name=$4
hostname "$name"
mount -t tmpfs -o mode=755,size="$size" hostd-root "$root"
tar --numeric-owner --xattrs --xattrs-include="*" -C "$root" -xpf "$tarball"
mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
mount -t sysfs -o nosuid,nodev,noexec sysfs "$root/sys"
mount --rbind /sys/fs/cgroup "$root/sys/fs/cgroup"
mount -t tmpfs -o nosuid,mode=755,size=4m hostd-dev "$root/dev"
cd "$root/dev"
mknod -m 666 null c 1 3; mknod -m 666 zero c 1 5; mknod -m 666 full c 1 7
mknod -m 666 random c 1 8; mknod -m 666 urandom c 1 9; mknod -m 666 tty c 5 0
ln -s /proc/self/fd fd; ln -s /proc/self/fd/0 stdin; ln -s /proc/self/fd/1 stdout; ln -s /proc/self/fd/2 stderr
ln -s /proc/kcore core; ln -s pts/ptmx ptmx
mkdir -m 755 pts; mkdir -m 1777 shm
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5,nosuid,noexec devpts pts
mount -t tmpfs -o nosuid,nodev,mode=1777 shm shm
mount -t tmpfs -o nosuid,nodev,mode=755,size=256m hostd-run "$root/run"
mkdir -m 755 "$root/run/sshd"; mkdir -m 1777 "$root/run/lock"
mkdir -p "$root/.hostd-oldroot"
cd "$root"
pivot_root . .hostd-oldroot
cd /
# From here on the programs are host D'\''s own.
umount -l /.hostd-oldroot
rmdir /.hostd-oldroot
mount --make-rshared /
exec /bin/bash -c "while :; do sleep 86400 & wait \$!; done"
'

# is_init PID: PID looks like host D's pid 1 (bash, pid 1 of its own pid namespace, in dh-hostd).
is_init() {
  alive "$1" bash || return 1
  [ "$(inode "/proc/$1/ns/net")" = "$(inode "$NETNS_PATH")" ] || return 1
  awk '/^NSpid:/ { found = NF > 2 && $NF == 1 } END { exit !found }' "/proc/$1/status" 2>/dev/null
}

# Host D's pid 1, if host D runs (in dh-hostd).
find_init() {
  local pid
  pid=$(recorded_init) && namespace_exists && is_init "$pid" && echo "$pid"
}

# Runs a command in host D, as root, with a clean environment.
in_hostd() {
  local init; init=$(find_init) || die "host D is not running (bash scripts/bare-host.sh up)"
  nsenter -t "$init" --mount --uts --ipc --net --pid -- \
    env -i PATH="$SYSTEM_PATH" HOME=/root LANG=C.UTF-8 "$@" 9>&-
}

start_init() {
  local starter pid init='' deadline=$((SECONDS + 60)) net
  rm -f "$INIT_PID" "$INIT_NS" "$ROOTFS"
  mkdir -p "$ROOT_MNT"
  say "starting host D on a fresh copy of $(basename "$TARBALL") (log: $DIR/init.log)"
  printf '%s\n' "$INIT_SCRIPT" >"$DIR/hostd-init.sh"
  # From /: the cwd of unshare (which stays in the new mount namespace as pid 1's parent) must
  # not pin this machine's mount tree in it.
  (cd / && exec setsid nsenter --net="$NETNS_PATH" -- \
    unshare --pid --fork --mount --uts --ipc --propagation private -- \
    /bin/sh "$DIR/hostd-init.sh" "$ROOT_MNT" "$TARBALL" "$ROOT_SIZE" "$HOSTD_NAME") </dev/null >"$DIR/init.log" 2>&1 9>&- &
  starter=$!
  net=$(inode "$NETNS_PATH")
  while [ -z "$init" ]; do
    for pid in $(pids_in_ns net "$net"); do
      if is_init "$pid"; then init=$pid; break; fi
    done
    [ -z "$init" ] || break
    if ! alive "$starter" || [ $SECONDS -ge $deadline ]; then
      cat "$DIR/init.log" >&2
      die "host D did not start"
    fi
    sleep 0.1
  done
  echo "$init" >"$INIT_PID"
  echo "$(inode "/proc/$init/ns/pid") $(inode "/proc/$init/ns/mnt")" >"$INIT_NS"
  ln -s "/proc/$init/root" "$ROOTFS"
  [ "$(in_hostd hostname)" = "$HOSTD_NAME" ] || die "host D's pid 1 ($init) runs, but entering its namespaces fails"
}

# The cgroups host D's containers had in this machine's hierarchies (cgroups are not namespaced
# here): runc names them after the container, /docker/<id> by default, and leaves them behind
# when it is killed. Only directories named after these ids (64 hex digits) are removed, and
# only once empty, so those of this machine's engines are safe.
remove_container_cgroups() {
  local id expr=() deadline=$((SECONDS + 5))
  for id in "$@"; do
    [[ $id =~ ^[0-9a-f]{64}$ ]] || continue
    [ ${#expr[@]} -eq 0 ] || expr+=(-o)
    expr+=(-name "$id" -o -path "*/$id/*")
  done
  [ ${#expr[@]} -gt 0 ] || return 0
  # A cgroup stays busy for a moment after its last process has died.
  while [ -n "$(find /sys/fs/cgroup -mindepth 2 -depth -type d \( "${expr[@]}" \) -print -exec rmdir {} \; 2>/dev/null)" ]; do
    [ $SECONDS -lt $deadline ] || { say "some cgroups of host D's containers could not be removed (ids: $*)"; return 0; }
    sleep 0.2
  done
}

# Stops every process of host D at once: its pid 1 is killed, and the kernel kills everything
# else in its pid namespace with it; the tmpfs root and every mount in it go with the last one.
# No process of host D needs a clean shutdown: nothing of it outlives it but the cgroups of its
# containers, removed here.
stop_hostd() {
  local init pids ids=''
  if init=$(recorded_init); then   # in dh-hostd or not (its namespace may have been deleted)
    ids=$(ls "/proc/$init/root/var/lib/docker/containers" 2>/dev/null || true)
    say "stopping host D (pid 1 is $init)"
    kill -KILL "$init"
  fi
  # The kernel kills the rest of its pid namespace (containers' processes included) before pid 1
  # is done dying; this waits for that, and ends whatever else is in its network namespace.
  local deadline=$((SECONDS + 10))
  while pids=$(hostd_pids) && [ -n "$pids" ]; do
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    [ $SECONDS -lt $deadline ] || die "host D's processes ${pids//$'\n'/ } do not die"
    sleep 0.1
  done
  rm -f "$INIT_PID" "$INIT_NS" "$ROOTFS"
  # shellcheck disable=SC2086
  [ -z "$ids" ] || remove_container_cgroups $ids
}

# --- host D's sshd ---------------------------------------------------------------------------
ensure_sshd() {
  ssh_to_hostd true 2>/dev/null && return 0
  local pids; pids=$(hostd_pids | pids_named sshd)
  # shellcheck disable=SC2086
  [ -z "$pids" ] || terminate 10 "host D's sshd" $pids
  in_hostd /usr/sbin/sshd -t || die "host D's sshd rejects its /etc/ssh/sshd_config"
  say "starting host D's sshd on $HOSTD_ADDR:22 (log: $ROOTFS/var/log/sshd.log)"
  in_hostd /usr/sbin/sshd -E /var/log/sshd.log   # it detaches by itself
  wait_for "host D's sshd" 15 ssh_to_hostd true || { tail -20 "$ROOTFS/var/log/sshd.log" >&2; die "cannot log in to host D over ssh"; }
}

# --- commands --------------------------------------------------------------------------------
lock() {
  mkdir -p "$DIR"
  exec 9>"$DIR/lock"
  flock -w 900 9 || die "another bare-host.sh is still busy (lock $DIR/lock)"
}

bring_up() {
  ensure_namespace
  ensure_nat
  if ! find_init >/dev/null; then
    stop_hostd   # whatever is left of an earlier host D
    [ -f "$TARBALL" ] || build_tarball
    start_init
  fi
  ensure_rootfs_files
  ensure_sshd
}

up() {
  lock
  bring_up
  say "host D is up: ssh root@$HOSTD_ADDR with $CLIENT_KEY (known_hosts: $KNOWN_HOSTS); Docker $(test -x "$ROOTFS/usr/sbin/dockerd" && echo installed || echo 'not installed')"
}

reset() {
  lock
  local started=$SECONDS
  stop_hostd
  remove_namespace   # with whatever a test's dockerd made in it (bridges, iptables rules)
  bring_up
  say "host D reset in $((SECONDS - started)) s: Docker not installed"
}

down() {
  lock
  stop_hostd
  if [ -n "$(tagged_rules)" ]; then say "removing the iptables rules for $SUBNET"; remove_nat; fi
  remove_namespace
  say "host D is down (tarball $TARBALL and keys in $DIR kept)"
}

status() {
  local ok=yes init
  report() { printf '%-10s %s\n' "$1" "$2"; }
  if namespace_exists; then
    report namespace "$NETNS: host $HOST_ADDR ($HOST_IF) <-> $HOSTD_ADDR ($PEER_IF)"
  else
    report namespace "missing"; ok=no
  fi
  if nat_ok; then
    report nat "$SUBNET masqueraded out of $(wan_if)"
  else
    report nat "rules missing or incomplete"; ok=no
  fi
  if init=$(find_init); then
    report init "pid $init; host name $(in_hostd hostname 2>/dev/null); $(in_hostd sh -c '. /etc/os-release && echo "$PRETTY_NAME"' 2>/dev/null); $(in_hostd df -m --output=used / 2>/dev/null | tail -1 | tr -d ' ') MB used of its $ROOT_SIZE tmpfs root"
    local dockerd; dockerd=$(hostd_pids | pids_named dockerd)
    report docker "$(test -x "$ROOTFS/usr/sbin/dockerd" && echo installed || echo 'not installed')${dockerd:+, dockerd running (pid ${dockerd//$'\n'/ })}"
  else
    report init "not running"; ok=no
  fi
  if ssh_to_hostd true 2>/dev/null; then
    report sshd "root@$HOSTD_ADDR:22 with $CLIENT_KEY"
  else
    report sshd "not running or login fails"; ok=no
  fi
  if [ -f "$TARBALL" ]; then report tarball "$TARBALL"; else report tarball "not built yet"; fi
  if [ $ok = yes ]; then echo "host D: up"; else echo "host D: down (run: bash scripts/bare-host.sh up)"; return 1; fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  reset) reset ;;
  exec) shift; [ $# -gt 0 ] || die "usage: $0 exec COMMAND..."; in_hostd "$@" ;;
  *) echo "usage: $0 up|down|status|reset|exec COMMAND..." >&2; exit 2 ;;
esac
