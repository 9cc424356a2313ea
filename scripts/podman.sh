#!/usr/bin/env bash
# A Podman engine for the tests: Debian's podman 4.3, rootful, serving its Docker-compatible API on
# a socket of its own, beside the Docker engine and without touching it.
#
# Usage: podman.sh up|down|status
#   up      install podman if missing, start `podman system service` and import the base image (safe to repeat)
#   down    stop the service (the storage stays, so the next `up` is quick)
#   status  exit status 0 when the socket answers /_ping
#
# Choices, and why:
#   - Its own storage (--root/--runroot under $RUN_DIR/podman) rather than /var/lib/containers:
#     nothing of a podman the machine may have otherwise is touched, and `down` leaves it all in one place.
#   - overlay storage: the root file system here is ext4, where the kernel's overlay works for root
#     (vfs would copy every layer in full). PODMAN_STORAGE_DRIVER=vfs picks vfs where overlay cannot mount.
#   - netavark (the backend Debian's podman 4.3 prefers; CNI is deprecated) with the default network's
#     subnet moved to 10.89.0.0/24: podman adds NETAVARK-* chains of its own and never edits
#     Docker's (DOCKER, DOCKER-USER), and the subnet stays clear of Docker's 172.17+ pools.
#   - runc, as dockerd uses here: crun 1.8 refuses this machine's hybrid cgroup v1/v2 mounts
#     ("cgroups in hybrid mode not supported").
#   - cgroupfs and a file events backend: there is no systemd or journald on this machine, and the
#     API's /events needs a backend it can read back.
#   - nofile and nproc for containers at this machine's hard limits: podman's defaults (1048576, 4194304)
#     are refused here ("crun: setrlimit RLIMIT_NOFILE: Operation not permitted"); dockerd's containers inherit its own.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DIR=$RUN_DIR/podman
SOCKET_DIR=/run/dh-podman
SOCKET=$SOCKET_DIR/podman.sock
PIDFILE=$DIR/service.pid
STORAGE_DRIVER=${PODMAN_STORAGE_DRIVER:-overlay}
# The engine settings are in a containers.conf of ours (CONTAINERS_CONF replaces /etc/containers'),
# so the service and the CLI used here to import the image agree.
export CONTAINERS_CONF=$DIR/containers.conf
PODMAN=(podman --root "$DIR/storage" --runroot "$DIR/runroot" --storage-driver "$STORAGE_DRIVER")

install_podman() {
  ensure_debian_packages "$RUN_DIR/apt-podman.log" podman netavark aardvark-dns crun conmon uidmap
}

# The default network "podman" on a subnet of ours (see above); netavark reads it from this folder.
write_network_config() {
  mkdir -p "$DIR/networks"
  [ -f "$DIR/networks/podman.json" ] && return
  cat >"$DIR/networks/podman.json" <<JSON
{
  "name": "podman",
  "id": "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9",
  "driver": "bridge",
  "network_interface": "dh-podman0",
  "created": "2024-01-01T00:00:00Z",
  "subnets": [{ "subnet": "10.89.0.0/24", "gateway": "10.89.0.1" }],
  "ipv6_enabled": false,
  "internal": false,
  "dns_enabled": false,
  "ipam_options": { "driver": "host-local" }
}
JSON
}

write_containers_conf() {
  local nofile nproc; nofile=$(ulimit -Hn) nproc=$(ulimit -Hu)
  [ "$nofile" = unlimited ] && nofile=1048576
  # The service itself runs with nproc at most 32768 here (seen in /proc/PID/limits); above that crun is refused.
  if [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; then nproc=32768; fi
  cat >"$DIR/containers.conf.new" <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$DIR/events.log"
tmp_dir = "$DIR/tmp"
[network]
network_backend = "netavark"
network_config_dir = "$DIR/networks"
CONF
  mv "$DIR/containers.conf.new" "$DIR/containers.conf"
}

answers() {
  curl -fsS --max-time 5 --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1
}

start_service() {
  answers && return
  mkdir -p "$DIR/tmp" "$SOCKET_DIR"
  rm -f "$SOCKET"
  say "starting podman system service on unix://$SOCKET (log: $DIR/service.log)"
  setsid "${PODMAN[@]}" system service --time=0 "unix://$SOCKET" >"$DIR/service.log" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  wait_for podman 60 answers || { tail -20 "$DIR/service.log"; die "podman system service did not answer on $SOCKET"; }
}

# $BASE_IMAGE in podman's storage, imported from busybox-static (no registry, no build container).
ensure_base_image() {
  "${PODMAN[@]}" image exists "$BASE_IMAGE" && return
  say "importing $BASE_IMAGE into podman"
  local work; work=$(mktemp -d)
  mkdir -p "$work/rootfs/bin" "$work/rootfs/tmp"
  cp /bin/busybox "$work/rootfs/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$work/rootfs/bin/$applet"
  done
  tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
  "${PODMAN[@]}" import --change 'CMD ["sh"]' "$work/rootfs.tar" "$BASE_IMAGE" >"$work/import.log" 2>&1 ||
    { cat "$work/import.log" >&2; rm -rf "$work"; die "could not import $BASE_IMAGE into podman"; }
  rm -rf "$work"
}

stop_service() {
  local pid
  pid=$(live_pid "$PIDFILE" podman) || return 0
  terminate 20 "podman system service" "$pid"
  rm -f "$PIDFILE" "$SOCKET"
}

case ${1:-up} in
  up)
    install_podman
    mkdir -p "$DIR"
    write_network_config
    write_containers_conf
    start_service
    ensure_base_image
    ;;
  down) stop_service ;;
  status) answers ;;
  *) die "usage: podman.sh up|down|status" ;;
esac
