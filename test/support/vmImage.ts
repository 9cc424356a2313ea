// Where the tests find the Debian "cloud image" that the Local VM (QEMU) driver boots: made from
// Debian packages by scripts/vm-image.sh (these machines cannot download Debian's genericcloud
// image) and kept in the cache, $DOCKER_HOSTS_CACHE (or ~/.cache/docker-hosts) + /vm. It is a
// whole disk like Debian's own image (MBR, extlinux, one ext4 root partition that cloud-init grows)
// with cloud-init (NoCloud seed from a `cidata` ISO), openssh-server, sudo and docker.io (enabled),
// console on ttyS0. Boot it through an overlay (`qemu-img create -f qcow2 -b VM_BASE_IMAGE -F
// qcow2 overlay.qcow2 20G`), never directly: it is shared by every test and every run.
// `bash scripts/setup.sh test` builds it.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CACHE_DIR = process.env.DOCKER_HOSTS_CACHE || path.join(os.homedir(), '.cache', 'docker-hosts');

/** The base image (compressed qcow2, virtual size 2 GiB). Must match scripts/vm-image.sh. */
export const VM_BASE_IMAGE = path.join(CACHE_DIR, 'vm', 'debian-bookworm-docker-v2.qcow2');

/** Whether the base image is built (it is renamed into place only once complete). */
export function vmImageBuilt(): boolean {
  return existsSync(VM_BASE_IMAGE);
}
