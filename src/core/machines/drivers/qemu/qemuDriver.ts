import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import { Driver, option } from '../../driver';
import { VM_USER } from './cloudInitSeed';
import { missingToolsProblem } from './hostTools';
import { checksumProblem } from './imageCache';
import { portForwardsProblem } from './qemuCommandLine';
import { folderSharesProblem } from './vmShares';
import { baseImageProblem, DEFAULT_BASE_IMAGE, DEFAULTS, integerProblem, QEMU_OPTION, SSH_KEY_SECRET, vmSettings } from './qemuOptions';
import { vmEndpoint } from './vmEndpoint';
import { diskSpaceProblem } from './vmDisk';
import { missingKeyMessage, qemuLifecycle } from './vmLifecycle';

/**
 * Docker Machine's VirtualBox driver, with QEMU: a local VM with Docker in it, made from a cloud
 * image (an overlay disk on a shared base, a cloud-init seed with a key made for it), reached over
 * SSH on a forwarded local port with that key and a host key pinned at creation.
 */
export const qemuDriver: Driver = {
  name: 'qemu',
  displayName: 'Local VM (QEMU)',
  description: 'A virtual machine on this computer with Docker in it (QEMU, KVM when it works); reached over SSH on a forwarded local port — its ports are forwarded to 127.0.0.1',
  fields: [
    { key: QEMU_OPTION.cpus, label: 'CPUs', description: 'Virtual CPUs', type: 'number', default: DEFAULTS.cpus, validate: (v) => integerProblem(v, 1, Math.max(1, os.cpus().length), 'CPUs') },
    { key: QEMU_OPTION.memory, label: 'Memory (MiB)', description: 'The VM\'s memory in MiB', type: 'number', default: DEFAULTS.memory, validate: (v) => integerProblem(v, 256, Math.max(256, Math.floor(os.totalmem() / 1024 ** 2)), 'MiB') },
    { key: QEMU_OPTION.diskSize, label: 'Disk size (GiB)', description: 'The most the VM\'s disk may grow to (it takes only what is used)', type: 'number', default: DEFAULTS.diskSize, validate: (v) => integerProblem(v, 1, 4096, 'GiB') },
    { key: QEMU_OPTION.baseImage, label: 'Base image', description: 'A cloud image (qcow2): an https URL, downloaded once and checked, or a local file', type: 'string', default: DEFAULT_BASE_IMAGE, validate: baseImageProblem },
    {
      key: QEMU_OPTION.checksum, label: 'Base image checksum', description: 'sha256:… or sha512:… (empty: from SHA512SUMS/SHA256SUMS beside the image)', type: 'string',
      when: (values) => /^https:/i.test(String(values[QEMU_OPTION.baseImage] ?? DEFAULT_BASE_IMAGE)), validate: checksumProblem,
    },
    { key: QEMU_OPTION.forwardedPorts, label: 'Forwarded ports', description: 'Local ports forwarded to the VM, e.g. "8080:80, 5432" (optional)', type: 'string', validate: portForwardsProblem },
    {
      key: QEMU_OPTION.folderShares, label: 'Folder shares', type: 'string', validate: folderSharesProblem,
      description: 'Folders of this computer mounted in the VM (reverse sshfs) while this window has it, e.g. "/home/me/src:/mnt/src" (optional; the VM\'s root can read what your user can)',
    },
  ],
  operations: new Set(['start', 'stop', 'restart', 'kill', 'ssh']),
  lifecycle: qemuLifecycle,
  endpoint(machine, context) {
    const settings = vmSettings(machine);
    const privateKey = context.machineSecret?.(machine.id, SSH_KEY_SECRET);
    if (privateKey === undefined) {
      throw new Error(missingKeyMessage(machine));
    }
    return vmEndpoint(settings.sshPort, settings.hostKey, privateKey);
  },
  ip: () => '127.0.0.1',
  sshDetails: (machine) => ({ host: '127.0.0.1', port: Number(option(machine, QEMU_OPTION.sshPort, 0)), user: VM_USER }),
  remarks(machine) {
    const forwards = String(option(machine, QEMU_OPTION.forwardedPorts, ''));
    const shares = String(option(machine, QEMU_OPTION.folderShares, ''));
    return [
      ...(String(option(machine, QEMU_OPTION.accelUsed, '')) === 'tcg' ? ['Runs on TCG (software emulation; KVM did not work here): slow'] : []),
      ...(shares !== '' ? [`Folders shared while this window has it: ${shares}`] : []),
      `SSH on 127.0.0.1:${String(option(machine, QEMU_OPTION.sshPort, '?'))}${forwards !== '' ? `; ports forwarded to 127.0.0.1: ${forwards}` : ''}`,
    ];
  },
  exportRefusal: (machine) => `${machine.name} is a VM on this computer (its disk and key stay here); it cannot be used from another computer`,
  trustNotes: () => ['Runs a QEMU virtual machine on this computer from the base image you give'],
  async preCreateCheck(options, context) {
    const problems: string[] = [];
    const missing = await missingToolsProblem();
    if (missing) problems.push(missing);
    const baseImage = String(options[QEMU_OPTION.baseImage] ?? DEFAULT_BASE_IMAGE);
    if (baseImage !== '' && !/^https:/i.test(baseImage)) {
      const file = context.resolvePath(baseImage);
      const readable = await fs.access(file, constants.R_OK).then(() => true, () => false);
      if (!readable) problems.push(`The base image ${file} is missing or unreadable`);
    }
    // The VM lives in the editor's storage, under the home folder; its disk grows as it is used.
    const space = await diskSpaceProblem(os.homedir(), 2 * 1024 ** 3).catch(() => undefined);
    if (space) problems.push(space);
    return problems;
  },
};
