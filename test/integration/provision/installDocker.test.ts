// The generic driver on a host WITHOUT Docker: host D (scripts/bare-host.sh) is a Debian bookworm
// made by debootstrap, with its own root filesystem, processes and network (NAT to Debian's
// mirror only), sshd, no init system, and an admin's /etc/docker/daemon.json written before
// Docker was there. Provisioning must install docker.io from Debian's packages, keep those
// settings, start dockerd itself and serve the Engine API over TLS. Deprovisioning must put the
// admin's daemon.json back and leave Docker installed.
import * as assert from 'node:assert/strict';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { createAuthority } from '../../../src/core/provision/certificates';
import { deprovisionHost, provisionHost } from '../../../src/core/provision/provisioner';
import { provisionedEndpoint } from '../../../src/core/provision/tlsEngineCheck';
import { SshConnection } from '../../../src/core/ssh/sshConnection';
import { NON_INTERACTIVE } from '../../../src/core/ssh/sshInteraction';
import { HOSTD, HOSTD_DAEMON_JSON, inHostD, resetHostD } from '../../support/hostD';

describe('Generic driver: provisioning a Debian host without Docker (host D, packages from the mirror)', function () {
  this.timeout(420_000);
  const authority = createAuthority('Docker Hosts test CA');
  const steps: string[] = [];
  let connection: SshConnection;

  before(async () => {
    await resetHostD();
    connection = new SshConnection(
      { host: HOSTD.address, port: HOSTD.ssh.port, user: HOSTD.ssh.username, identityFiles: [HOSTD.ssh.privateKeyPath] },
      { interaction: NON_INTERACTIVE, configFiles: [], knownHostsFiles: [HOSTD.ssh.knownHostsPath], agentSocket: false, connectTimeoutMs: 10_000 },
    );
  });

  after(async () => {
    connection?.dispose();
    await resetHostD();
  });

  it('installs docker.io with apt, keeps the admin\'s daemon.json settings, starts dockerd and answers over TLS; deprovisioning restores that daemon.json', async () => {
    assert.notEqual((await inHostD(['sh', '-c', 'command -v dockerd'])).code, 0, 'host D starts without Docker');

    const result = await provisionHost(connection, { address: HOSTD.address, user: 'root', enginePort: 2376, extraNames: [], authority, engineTimeoutMs: 90_000 }, (step, message) => steps.push(`${step}: ${message}`));

    assert.ok(steps.some((step) => /^docker: Installing Docker from Debian/.test(step)), steps.join('\n'));
    assert.equal(result.changed, true);
    assert.equal(result.facts.init, 'none', 'systemctl arrives with the packages, but systemd does not run');
    assert.equal((await inHostD(['dpkg-query', '-W', '-f', '${Status}', 'docker.io'])).stdout, 'install ok installed');
    const client = new EngineClient(provisionedEndpoint(HOSTD.address, 2376, authority), { requestTimeoutMs: 10_000 });
    try {
      assert.equal((await client.version()).version, result.dockerVersion);
      const info = (await client.call((d) => d.info())) as { Driver?: string; Name?: string };
      assert.equal(info.Driver, 'vfs', 'the storage driver the admin chose is in force');
      assert.equal(info.Name, HOSTD.hostName);
    } finally {
      client.dispose();
    }
    const daemonJson = JSON.parse((await inHostD(['cat', '/etc/docker/daemon.json'])).stdout) as Record<string, unknown>;
    const added = new Set(['hosts', 'tlsverify', 'tlscacert', 'tlscert', 'tlskey']);
    const kept = Object.fromEntries(Object.entries(daemonJson).filter(([key]) => !added.has(key)));
    assert.deepEqual(kept, JSON.parse(HOSTD_DAEMON_JSON), 'every setting of the admin is kept as it was');
    assert.deepEqual(daemonJson.hosts, ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376']);

    assert.equal(await deprovisionHost(connection, 'root', () => undefined), true);
    assert.equal((await inHostD(['cat', '/etc/docker/daemon.json'])).stdout, HOSTD_DAEMON_JSON, 'the admin\'s daemon.json is back, byte for byte');
    assert.equal((await inHostD(['docker', 'version', '--format', '{{.Server.Version}}'])).stdout.trim(), result.dockerVersion, 'Docker stays installed and runs on its socket');
  });
});
