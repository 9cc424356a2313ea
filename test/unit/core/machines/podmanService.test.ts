import * as assert from 'node:assert/strict';
import { isPodmanSocket, sshDriver } from '../../../../src/core/machines/drivers/sshDriver';

const machine = (remoteSocketPath?: string) => ({ id: 'x', name: 'x', driver: 'ssh', options: { host: 'h', ...(remoteSocketPath !== undefined && { remoteSocketPath }) } });

describe('Start/Stop/Restart on an SSH machine whose engine socket is Podman’s', () => {
  it('knows Podman’s sockets, rootful and rootless, and nothing else', () => {
    assert.ok(isPodmanSocket('/run/podman/podman.sock'));
    assert.ok(isPodmanSocket('/run/user/1000/podman/podman.sock'));
    assert.ok(!isPodmanSocket('/var/run/docker.sock'));
    assert.ok(!isPodmanSocket('/home/podmanfan/docker.sock'));
  });

  it('manages podman.socket (and its service when stopping) through systemd, saying so where there is none', () => {
    const start = sshDriver.serviceCommand?.(machine('/run/podman/podman.sock'), 'start') ?? '';
    assert.match(start, /systemctl start podman\.socket;/);
    assert.match(sshDriver.serviceCommand?.(machine('/run/podman/podman.sock'), 'stop') ?? '', /systemctl stop podman\.socket podman\.service/);
    assert.match(start, /this host has none: start 'podman system service' yourself/);
    assert.doesNotMatch(start, /docker/);
  });

  it('keeps the Docker service for any other socket', () => {
    assert.match(sshDriver.serviceCommand?.(machine(), 'restart') ?? '', /systemctl restart docker/);
  });
});
