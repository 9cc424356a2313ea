import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validators } from '../../../../src/core/machines/driver';
import { DriverRegistry } from '../../../../src/core/machines/driverRegistry';
import { localDriver } from '../../../../src/core/machines/drivers/localDriver';
import { dockerServiceCommand, sshDriver } from '../../../../src/core/machines/drivers/sshDriver';
import { tcpDriver } from '../../../../src/core/machines/drivers/tcpDriver';

const context = { resolvePath: (value: string) => value.replace(/^store:/, '/store/') };

describe('drivers', () => {
  it('tcp: builds a verified TLS endpoint, resolving store paths', () => {
    const endpoint = tcpDriver.endpoint({ id: 'x', name: 'x', driver: 'tcp', options: { host: 'h', port: 2376, tls: true, caPath: 'store:certs/ca.pem' } }, context);
    assert.deepEqual(endpoint, { kind: 'tcp', host: 'h', port: 2376, tls: { verify: true, caPath: '/store/certs/ca.pem' } });
  });

  it('tcp: verification is off only when skipVerify is set for that machine', () => {
    const endpoint = tcpDriver.endpoint({ id: 'x', name: 'x', driver: 'tcp', options: { host: 'h', skipVerify: true } }, context);
    assert.equal(endpoint.kind === 'tcp' && endpoint.tls?.verify, false);
  });

  it('tcp: plain when TLS is turned off, with the given port', () => {
    assert.deepEqual(tcpDriver.endpoint({ id: 'x', name: 'x', driver: 'tcp', options: { host: 'h', port: 2375, tls: false } }, context), { kind: 'tcp', host: 'h', port: 2375 });
  });

  it('tcp: the pre-create check names missing certificate files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-tls-'));
    writeFileSync(path.join(dir, 'ca.pem'), 'x');
    const problems = await tcpDriver.preCreateCheck({ host: 'h', tls: true, caPath: path.join(dir, 'ca.pem'), certPath: path.join(dir, 'cert.pem') }, { resolvePath: (v) => v });
    assert.deepEqual(problems, [`File not found: ${path.join(dir, 'cert.pem')}`]);
  });

  it('local: the pre-create check refuses a path that is not a socket', async () => {
    assert.deepEqual(await localDriver.preCreateCheck({ socketPath: '/nonexistent.sock' }, context), ['There is no socket at /nonexistent.sock']);
    assert.deepEqual(await localDriver.preCreateCheck({ socketPath: '/etc/hostname' }, context), ['/etc/hostname is not a socket']);
  });

  it('validators explain what is wrong with a value as it is typed', () => {
    assert.equal(validators.port('2376'), undefined);
    assert.match(validators.port('70000') ?? '', /1 to 65535/);
    assert.match(validators.host('my host') ?? '', /no spaces/);
    assert.match(validators.absolutePath('certs/ca.pem') ?? '', /absolute/);
  });

  it('says which machines were provisioned from the driver, not its name (an added provisioning driver counts too)', () => {
    const registry = new DriverRegistry();
    assert.equal(registry.provisions({ driver: 'generic' }), true);
    assert.deepEqual(['local', 'ssh', 'tcp', 'unknown'].map((driver) => registry.provisions({ driver })), [false, false, false, false]);
    registry.register({ ...localDriver, name: 'vm', provisions: true });
    assert.equal(registry.provisions({ driver: 'vm' }), true);
  });

  it('registers extra drivers once and unregisters them on dispose', () => {
    const registry = new DriverRegistry();
    const extra = { ...localDriver, name: 'extra' };
    const registration = registry.register(extra);
    assert.throws(() => registry.register(extra), /already registered/);
    registration.dispose();
    assert.equal(registry.get('extra'), undefined);
    assert.deepEqual(registry.all.map((d) => d.name), ['local', 'ssh', 'tcp', 'generic', 'qemu']);
  });
});

describe('ssh driver', () => {
  it('leaves port and user to ~/.ssh/config when they are not given', () => {
    assert.deepEqual(sshDriver.endpoint({ id: 'x', name: 'x', driver: 'ssh', options: { host: 'build-box' } }, context), { kind: 'ssh', host: 'build-box', remoteSocketPath: '/var/run/docker.sock' });
  });

  it('carries user, port, key file and socket path, and offers the Docker service and a terminal', () => {
    const machine = { id: 'x', name: 'x', driver: 'ssh', options: { host: 'h', user: 'me', port: 2222, identityFile: '/k', remoteSocketPath: '/run/docker.sock' } };
    assert.deepEqual(sshDriver.endpoint(machine, context), { kind: 'ssh', host: 'h', port: 2222, user: 'me', identityFiles: ['/k'], remoteSocketPath: '/run/docker.sock' });
    assert.deepEqual(sshDriver.sshDetails(machine), { host: 'h', port: 2222, user: 'me', identityFile: '/k' });
    assert.deepEqual([...sshDriver.operations].sort(), ['restart', 'ssh', 'start', 'stop']);
  });

  it('drives the Docker service through systemd, service or rc-service, with sudo only when not root', () => {
    const command = dockerServiceCommand('restart');
    assert.match(command, /systemctl restart docker/);
    assert.match(command, /service docker restart/);
    assert.match(command, /rc-service docker restart/);
    assert.match(command, /sudo -n/);
  });
});
