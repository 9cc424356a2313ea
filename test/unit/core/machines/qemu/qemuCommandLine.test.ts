import * as assert from 'node:assert/strict';
import { parsePortForwards, portForwardsProblem, qemuArguments } from '../../../../../src/core/machines/drivers/qemu/qemuCommandLine';
import { vmPaths } from '../../../../../src/core/machines/drivers/qemu/vmPaths';

const paths = vmPaths('/store/qemu', 'vm-1');

/** The value after `flag`, for each time the flag occurs. */
function values(args: readonly string[], flag: string): string[] {
  return args.flatMap((arg, index) => (arg === flag ? [args[index + 1] ?? ''] : []));
}

describe('QEMU command line', () => {
  const args = qemuArguments({ accel: 'tcg', cpus: 2, memoryMiB: 1024, paths, sshPort: 40022, forwards: [{ host: 8080, guest: 80 }, { host: 5432, guest: 5432 }] });

  it('runs headless with no default devices, a console file, QMP and a pidfile in the VM folder, and daemonizes', () => {
    assert.ok(args.includes('-nodefaults'));
    assert.deepEqual(values(args, '-display'), ['none']);
    assert.deepEqual(values(args, '-serial'), ['file:/store/qemu/vms/vm-1/console.log']);
    assert.deepEqual(values(args, '-qmp'), ['unix:/store/qemu/vms/vm-1/qmp.sock,server=on,wait=off']);
    assert.deepEqual(values(args, '-pidfile'), ['/store/qemu/vms/vm-1/qemu.pid']);
    assert.equal(args.at(-1), '-daemonize');
  });

  it('takes the accelerator, CPUs and memory; KVM gets the host CPU, TCG every emulated feature', () => {
    assert.deepEqual([values(args, '-accel'), values(args, '-cpu'), values(args, '-smp'), values(args, '-m')], [['tcg'], ['max'], ['2'], ['1024']]);
    const kvm = qemuArguments({ accel: 'kvm', cpus: 4, memoryMiB: 4096, paths, sshPort: 1, forwards: [] });
    assert.deepEqual([values(kvm, '-accel'), values(kvm, '-cpu')], [['kvm'], ['host']]);
  });

  it('attaches the overlay disk and the seed as virtio drives (the seed read-only)', () => {
    assert.deepEqual(values(args, '-drive'), [
      'file=/store/qemu/vms/vm-1/disk.qcow2,if=virtio,format=qcow2,discard=unmap',
      'file=/store/qemu/vms/vm-1/seed.iso,if=virtio,format=raw,readonly=on',
    ]);
  });

  it('forwards SSH and the user\'s ports on 127.0.0.1 only, through user-mode networking on a virtio NIC', () => {
    assert.deepEqual(values(args, '-netdev'), ['user,id=n0,hostfwd=tcp:127.0.0.1:40022-:22,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=tcp:127.0.0.1:5432-:5432']);
    assert.ok(values(args, '-device').includes('virtio-net-pci,netdev=n0'));
  });

  it('reads forwarded ports as typed, and names the entry that is wrong', () => {
    assert.deepEqual(parsePortForwards('8080:80, 5432  9000:9001'), [{ host: 8080, guest: 80 }, { host: 5432, guest: 5432 }, { host: 9000, guest: 9001 }]);
    assert.deepEqual(parsePortForwards(''), []);
    assert.match(portForwardsProblem('8080:80, http') ?? '', /"http" is not a port/);
    assert.match(portForwardsProblem('70000') ?? '', /"70000"/);
    assert.match(portForwardsProblem('0:80') ?? '', /"0:80"/);
    assert.match(portForwardsProblem('8080:80, 8080:81') ?? '', /8080 is forwarded twice/);
    assert.equal(portForwardsProblem('8080:80'), undefined);
  });
});

describe('VM paths', () => {
  it('keeps every file in the VM\'s folder while the socket path fits', () => {
    assert.deepEqual(paths, {
      dir: '/store/qemu/vms/vm-1',
      disk: '/store/qemu/vms/vm-1/disk.qcow2',
      seed: '/store/qemu/vms/vm-1/seed.iso',
      console: '/store/qemu/vms/vm-1/console.log',
      pidFile: '/store/qemu/vms/vm-1/qemu.pid',
      qmpSocket: '/store/qemu/vms/vm-1/qmp.sock',
    });
  });

  it('moves the QMP socket to the runtime folder, under a stable name, when the storage path is too deep for a socket address', () => {
    const deep = `/home/someone/.config/Code/User/globalStorage/docker-hosts.docker-hosts/qemu`;
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const first = vmPaths(deep, id, '/run/user/1000/docker-hosts-qemu');
    assert.match(first.qmpSocket, /^\/run\/user\/1000\/docker-hosts-qemu\/[0-9a-f]{16}\.qmp$/);
    assert.equal(vmPaths(deep, id, '/run/user/1000/docker-hosts-qemu').qmpSocket, first.qmpSocket);
    assert.notEqual(vmPaths(deep, `${id.slice(0, -1)}f`, '/run/user/1000/docker-hosts-qemu').qmpSocket, first.qmpSocket);
    assert.equal(first.disk, `${deep}/vms/${id}/disk.qcow2`);
  });

  it('refuses a machine id that could leave the VMs folder', () => {
    assert.throws(() => vmPaths('/s', '../x'), /cannot name a VM folder/);
    assert.throws(() => vmPaths('/s', '..'), /cannot name a VM folder/);
    assert.throws(() => vmPaths('/s', ''), /cannot name a VM folder/);
  });
});
