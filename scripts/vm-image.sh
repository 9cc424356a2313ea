#!/usr/bin/env bash
# The Debian "cloud image" the Local VM (QEMU) driver's tests boot. These machines reach no
# internet but Debian's package mirror, so no genericcloud qcow2 can be downloaded: this script
# makes an equivalent one from Debian packages, once, and keeps it in the cache. The driver boots
# it exactly as it would boot Debian's own image: a whole disk (MBR, one ext4 root partition that
# cloud-init's growpart/resizefs grow to the overlay's size, extlinux in the MBR and the
# partition's boot sector) plus a NoCloud seed on a second drive (an ISO labelled "cidata", from
# cloud-localds).
#
# What is in it: Debian bookworm (debootstrap --variant=minbase), linux-image-cloud-amd64,
# systemd, openssh-server, cloud-init (NoCloud, then None; modules trimmed to users, ssh keys,
# host name, growpart/resizefs, write_files, runcmd), ifupdown + isc-dhcp-client (cloud-init's
# "eni" renderer: DHCP on the first NIC), docker.io (enabled: the engine starts at boot), sudo,
# sshfs (the driver's folder shares mount this computer's folders with it, reverse sshfs).
# No SSH host keys, no machine-id, no apt lists: every VM made from it gets its own. The kernel
# logs to ttyS0 (console=ttyS0). AppArmor is off (apparmor=0: the parser is not installed, and
# dockerd would refuse to run containers with AppArmor on and no docker-default profile). The apt/man-db/e2scrub/fstrim timers are masked.
#
# Usage: vm-image.sh build|path|status
#   build   builds the image unless it is there (minutes; log: $RUN_DIR/vm/build.log); also
#           installs what this machine needs to build and boot it (qemu, cloud-localds,
#           debootstrap, extlinux, ...)
#   path    prints the image's path (built or not)
#   status  says whether it is built; exit status 0 only if it is
#
# File: $CACHE_DIR/vm/debian-bookworm-docker-v$RECIPE.qcow2 (compressed qcow2, virtual size
# $DISK_SIZE). Delete it to build it again. test/support/vmImage.ts has the same path.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SUITE=bookworm
RECIPE=2                 # bump when the image's contents change: the next build makes a new file
DISK_SIZE=2G             # the base image's disk; overlays are bigger and cloud-init grows the root
IMAGE_DIR=$CACHE_DIR/vm
IMAGE=$IMAGE_DIR/debian-$SUITE-docker-v$RECIPE.qcow2
DIR=$RUN_DIR/vm
LOG=$DIR/build.log
# In the guest (besides minbase): what boots it, what the driver talks to, and what cloud-init
# needs to configure it (growpart needs sfdisk from fdisk, resizefs needs resize2fs). dbus: without
# it there is no systemd-logind, and nothing powers the VM off when ACPI's power button is pressed
# (QMP system_powerdown).
GUEST_PACKAGES=(linux-image-cloud-amd64 systemd-sysv udev dbus openssh-server sudo cloud-init
  cloud-guest-utils fdisk e2fsprogs ifupdown isc-dhcp-client iproute2 docker.io ca-certificates sshfs)
# On this machine: to build the image, and to boot it (qemu-system-x86, qemu-utils, cloud-localds).
HOST_PACKAGES=(qemu-system-x86 qemu-utils cloud-image-utils debootstrap extlinux syslinux-common
  fdisk e2fsprogs mount)

# debian_mirror and security_mirror: scripts/lib.sh.

# Runs as pid 1 of a private mount and pid namespace (args: RAW MIRROR SECURITY SUITE PACKAGES),
# so the mounts it makes and any daemon a package script might start end with it. RAW is a sparse
# file of the disk's size: this partitions it, makes the root filesystem on its partition through
# a loop device at the partition's offset (no partition devices needed), installs Debian into it
# and makes it bootable. Uses this machine's network and resolv.conf.
# shellcheck disable=SC2016
BUILD_SCRIPT='
set -euo pipefail
raw=$1 mirror=$2 security=$3 suite=$4 packages=$5
root=$(dirname "$raw")/root
mkdir -p "$root"
loop=
cleanup() {
  umount -R "$root" 2>/dev/null || umount -lR "$root" 2>/dev/null || true
  [ -z "$loop" ] || losetup -d "$loop" 2>/dev/null || true
}
trap cleanup EXIT

# One primary partition from 1 MiB to the end, bootable; the MBR gets syslinux'\''s boot code.
printf "label: dos\nstart=2048, type=83, bootable\n" | sfdisk -q "$raw"
start=$(sfdisk -J "$raw" | sed -n "s/.*\"start\": *\([0-9]*\).*/\1/p" | head -1)
sectors=$(sfdisk -J "$raw" | sed -n "s/.*\"size\": *\([0-9]*\).*/\1/p" | head -1)
dd if=/usr/lib/syslinux/mbr/mbr.bin of="$raw" bs=440 count=1 conv=notrunc status=none
loop=$(losetup -f --show -o $((start * 512)) --sizelimit $((sectors * 512)) "$raw")
echo "root partition: sectors $start+$sectors on $loop"
# ext4 without the 64bit feature: extlinux reads it for sure, and it grows online far past any
# overlay size the driver makes.
mkfs.ext4 -q -L root -O ^64bit "$loop"
uuid=$(blkid -s UUID -o value "$loop")
mount "$loop" "$root"

debootstrap --variant=minbase "$suite" "$root" "$mirror"

# No daemon starts while packages are installed (docker.io would start dockerd in the chroot).
printf "#!/bin/sh\nexit 101\n" >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
write_debian_sources "$root" "$mirror" "$security" "$suite"
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo debian >"$root/etc/hostname"
printf "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n" >"$root/etc/hosts"
printf "# <file system> <mount point> <type> <options> <dump> <pass>\nUUID=%s / ext4 rw,discard,errors=remount-ro 0 1\n" "$uuid" >"$root/etc/fstab"

mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --bind /dev "$root/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" 2>/dev/null || true
in_root() {
  chroot "$root" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
# A small initramfs: the cloud kernel'\''s virtio and ext4 modules are all it needs (MODULES=dep
# would look at this machine, not the VM); lz4 unpacks fastest under TCG.
mkdir -p "$root/etc/initramfs-tools/conf.d"
printf "MODULES=list\nCOMPRESS=lz4\n" >"$root/etc/initramfs-tools/conf.d/docker-hosts.conf"
mkdir -p "$root/etc/initramfs-tools"
printf "virtio_pci\nvirtio_blk\nvirtio_scsi\nvirtio_net\next4\n" >"$root/etc/initramfs-tools/modules"
in_root apt-get update -q
in_root apt-get upgrade -y -q
# --force-confold keeps the initramfs module list written above.
in_root apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef \
  -o Dpkg::Options::=--force-confold lz4 ${packages//,/ }

# cloud-init: the NoCloud seed (or nothing), and only the modules the driver relies on.
cat >"$root/etc/cloud/cloud.cfg.d/90-docker-hosts.cfg" <<EOF
# Docker Hosts test image (scripts/vm-image.sh): NoCloud seed only, few modules, fast boot.
datasource_list: [ NoCloud, None ]
# sudo resolves the host name: /etc/hosts gets it.
manage_etc_hosts: localhost
cloud_init_modules:
  - seed_random
  - growpart
  - resizefs
  - set_hostname
  - update_hostname
  - update_etc_hosts
  - users-groups
  - ssh
  - write-files
cloud_config_modules:
  - runcmd
cloud_final_modules:
  - scripts-user
  - final-message
EOF
# Every VM makes its own host keys (or takes those of its seed) and machine id.
rm -f "$root"/etc/ssh/ssh_host_*
: >"$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"

# Services: the engine starts at boot; timers that would wake up in a short-lived VM do not.
in_root systemctl enable docker.service containerd.service ssh.service
in_root systemctl mask apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer \
  systemd-networkd-wait-online.service
# The engine starts alongside cloud-init'\''s init stage rather than after it: containerd,
# docker.socket and docker.service do not wait for sysinit.target (which waits for that stage)
# nor for network-online.target (which waits for it too), only for network.target (ifupdown has
# brought the NIC up). Any earlier, and they slow down what SSH waits for: cloud-init-local and
# ifupdown-pre'\''s `udevadm settle` (the engine'\''s bridge and veth devices are udev events). They
# still stop before the network and the file systems at shutdown. The socket'\''s group, docker,
# is the package'\''s.
early="DefaultDependencies=no\nAfter=local-fs.target systemd-tmpfiles-setup.service systemd-journald.socket network.target\nConflicts=shutdown.target\nBefore=shutdown.target"
mkdir -p "$root/etc/systemd/system/docker.socket.d"
printf "# Docker Hosts test image (scripts/vm-image.sh): start early.\n[Unit]\n$early\n" >"$root/etc/systemd/system/docker.socket.d/early.conf"
for unit in containerd.service docker.service; do   # copies: a drop-in cannot take an After= away
  after=; [ $unit = containerd.service ] || after="\nAfter=docker.socket containerd.service"
  sed -e "/^After=/d" -e "s/^Wants=network-online.target */Wants=/" -e "s/^\[Unit\]/[Unit]\n$early$after/" \
    "$root/lib/systemd/system/$unit" >"$root/etc/systemd/system/$unit"
done
# cloud-init'\''s later stages (nothing the driver waits for) give the engine the CPU.
for unit in cloud-config.service cloud-final.service; do
  mkdir -p "$root/etc/systemd/system/$unit.d"
  printf "# Docker Hosts test image (scripts/vm-image.sh): after the engine, CPU-wise.\n[Service]\nNice=19\nCPUSchedulingPolicy=idle\n" \
    >"$root/etc/systemd/system/$unit.d/background.conf"
done
rm -f "$root/usr/sbin/policy-rc.d"

# extlinux: boots the one kernel at once, console on the serial port.
kernel=$(cd "$root/boot" && ls vmlinuz-* | sort -V | tail -1)
initrd=initrd.img-${kernel#vmlinuz-}
[ -f "$root/boot/$initrd" ] || { echo "no $initrd in /boot"; exit 1; }
mkdir -p "$root/boot/extlinux"
cat >"$root/boot/extlinux/extlinux.conf" <<EOF
DEFAULT debian
PROMPT 0
TIMEOUT 1
LABEL debian
  LINUX /boot/$kernel
  INITRD /boot/$initrd
  APPEND root=UUID=$uuid rw console=ttyS0 apparmor=0 mitigations=off
EOF
extlinux --install "$root/boot/extlinux"

# Nothing of the build: apt lists and caches, logs, cloud-init state, the resolver.
in_root apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/debconf/*-old \
  "$root"/var/lib/cloud/* "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/tmp/* "$root"/root/.bash_history
: >"$root/etc/resolv.conf"
umount "$root/dev/pts" 2>/dev/null || true
umount "$root/dev" "$root/sys" "$root/proc"
# Freed blocks go back to the sparse file, so the qcow2 holds only what is used.
fstrim "$root" || true
du -sm "$root" | sed "s/\t.*/ MB used on the root filesystem/"
umount "$root"
e2fsck -fy "$loop" >/dev/null || [ $? -le 1 ]
losetup -d "$loop"; loop=
'

build() {
  mkdir -p "$IMAGE_DIR" "$DIR"
  exec 9>"$IMAGE_DIR/lock"
  flock -w 1800 9 || die "another vm-image.sh build is still busy (lock $IMAGE_DIR/lock)"
  if [ -f "$IMAGE" ]; then say "VM image: $IMAGE"; return 0; fi
  ensure_debian_packages "$DIR/apt.log" "${HOST_PACKAGES[@]}"
  local work mirror security started=$SECONDS packages
  mirror=$(debian_mirror)
  security=$(security_mirror)
  packages=$(IFS=,; echo "${GUEST_PACKAGES[*]}")
  rm -rf --one-file-system "$IMAGE_DIR"/build.*   # left by an interrupted build (we hold the lock)
  work=$(mktemp -d "$IMAGE_DIR/build.XXXXXX")
  truncate -s "$DISK_SIZE" "$work/disk.raw"
  say "building the VM image: debootstrap --variant=minbase $SUITE $mirror, then ${GUEST_PACKAGES[*]} (several minutes; log: $LOG)"
  if ! (cd / && unshare --mount --pid --fork --kill-child --propagation private -- \
        bash -c "$(declare -f write_debian_sources)$BUILD_SCRIPT" build-vm-image "$work/disk.raw" "$mirror" "$security" "$SUITE" "$packages") \
        </dev/null >"$LOG" 2>&1 9>&-; then
    tail -30 "$LOG" >&2
    rm -rf --one-file-system "$work"
    die "could not build the VM image (log: $LOG)"
  fi
  say "compressing the VM image (qemu-img convert -c -O qcow2)"
  qemu-img convert -c -O qcow2 "$work/disk.raw" "$work/disk.qcow2" >>"$LOG" 2>&1 ||
    { rm -rf --one-file-system "$work"; die "qemu-img convert failed (log: $LOG)"; }
  mv "$work/disk.qcow2" "$IMAGE"
  rm -rf --one-file-system "$work"
  find "$IMAGE_DIR" -maxdepth 1 -name "debian-$SUITE-docker-v*.qcow2" ! -name "$(basename "$IMAGE")" -delete   # older recipes
  say "built $IMAGE ($(du -m "$IMAGE" | cut -f1) MB) in $((SECONDS - started)) s"
}

status() {
  if [ -f "$IMAGE" ]; then
    echo "VM image: built, $IMAGE ($(du -m "$IMAGE" | cut -f1) MB)"
  else
    echo "VM image: not built (run: bash scripts/vm-image.sh build)"
    return 1
  fi
}

case ${1:-} in
  build) build ;;
  path) echo "$IMAGE" ;;
  status) status ;;
  *) echo "usage: $0 build|path|status" >&2; exit 2 ;;
esac
