import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writePrivateFile } from '../../../util/privateFile';
import { runTool } from './hostTools';

/** The user the driver logs in as: primary group docker, in group sudo, passwordless sudo, key login only. */
export const VM_USER = 'docker';

export interface SeedInput {
  /** Stays the same for the VM's life: cloud-init runs its once-per-instance steps only on the first boot. */
  readonly instanceId: string;
  readonly hostname: string;
  /** The machine's login key ("ssh-ed25519 AAAA… comment"). */
  readonly userPublicKey: string;
  /** The VM's SSH host key, made by the driver so that it is known (pinned) before the first connection. */
  readonly hostKey: { readonly privateKey: string; readonly publicKey: string };
  /** Folder shares were asked for: sshfs is installed too when the image lacks it. */
  readonly sshfs?: boolean;
}

/** A YAML scalar that YAML reads back as exactly this string (a JSON string is a YAML double-quoted one). */
const q = (value: string): string => JSON.stringify(value);

/** A block literal (`|`), for the host key's PEM lines. */
function block(value: string, indent: string): string {
  return `|\n${value.trimEnd().split('\n').map((line) => `${indent}${line}`).join('\n')}`;
}

/**
 * Docker for images that lack it: Debian's docker.io package, installed on the first boot (the
 * package enables and starts the engine). That needs the VM to reach a package mirror (user-mode
 * networking reaches whatever this computer reaches); images with Docker (the test image, for one)
 * skip it.
 */
const INSTALL_DOCKER = 'if ! command -v dockerd >/dev/null 2>&1; then export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q docker.io && systemctl enable --now docker.service; fi';

/** sshfs for folder shares, likewise (a failure here only means shares say sshfs is missing). */
const INSTALL_SSHFS = 'if ! command -v sshfs >/dev/null 2>&1; then export DEBIAN_FRONTEND=noninteractive; { apt-get update -q && apt-get install -y -q sshfs; } || true; fi';

/** cloud-init user-data: the login user and key, the pinned host key, the host name, Docker (and sshfs for shares). */
export function userData(input: SeedInput): string {
  return [
    '#cloud-config',
    `hostname: ${q(input.hostname)}`,
    'preserve_hostname: false',
    'groups: [docker]',
    'users:',
    `  - name: ${q(VM_USER)}`,
    // Its own group would be "docker", which exists already (images with Docker, or groups: above).
    '    primary_group: docker',
    '    groups: [sudo]',
    `    sudo: ${q('ALL=(ALL) NOPASSWD:ALL')}`,
    '    shell: /bin/bash',
    '    lock_passwd: true',
    '    ssh_authorized_keys:',
    `      - ${q(input.userPublicKey.trim())}`,
    'disable_root: true',
    'ssh_pwauth: false',
    // The image's host keys (if any) go; the driver's ed25519 key is the only one (genkeytypes makes only missing keys).
    'ssh_deletekeys: true',
    'ssh_genkeytypes: [ed25519]',
    'ssh_keys:',
    `  ed25519_private: ${block(input.hostKey.privateKey, '    ')}`,
    `  ed25519_public: ${q(input.hostKey.publicKey.trim())}`,
    // cloud-init does all it is for on the first boot (user, keys, host name, network config,
    // Docker); this file, written early in that boot, makes later boots skip it, which under TCG
    // is a good part of a start. (A first boot whose Docker install fails fails create anyway.)
    'write_files:',
    '  - path: /etc/cloud/cloud-init.disabled',
    '    content: ""',
    'runcmd:',
    ...(input.sshfs === true ? [`  - [sh, -c, ${q(INSTALL_SSHFS)}]`] : []),
    `  - [sh, -c, ${q(INSTALL_DOCKER)}]`,
    '',
  ].join('\n');
}

/** cloud-init meta-data: the instance id and host name. */
export function metaData(input: SeedInput): string {
  return `instance-id: ${q(input.instanceId)}\nlocal-hostname: ${q(input.hostname)}\n`;
}

/** A host name from a machine name: lower-case letters, digits and "-", at most 63, never empty. */
export function hostnameFor(machineName: string): string {
  const name = machineName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return name === '' ? 'docker-vm' : name;
}

/**
 * Writes the NoCloud seed ISO (volume label "cidata") with cloud-localds. The user-data holds the
 * VM's private host key: its text files live only while the ISO is made, and the ISO is private.
 */
export async function writeSeedIso(isoPath: string, input: SeedInput, options: { readonly signal?: AbortSignal } = {}): Promise<void> {
  const work = await fs.mkdtemp(path.join(path.dirname(isoPath), '.seed-'));
  try {
    const userDataFile = path.join(work, 'user-data');
    const metaDataFile = path.join(work, 'meta-data');
    await writePrivateFile(userDataFile, userData(input));
    await writePrivateFile(metaDataFile, metaData(input));
    await runTool('cloud-localds', [isoPath, userDataFile, metaDataFile], { timeoutMs: 60_000, ...(options.signal && { signal: options.signal }) });
    await fs.chmod(isoPath, 0o600);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
